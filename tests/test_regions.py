import pytest

from mllabs.regions import RegionError, has_markers, make_stub, strip_hidden

SOLUTION = """\
class Cell:
    def __init__(self, a, b):
        self.i2h = nn.Linear(a + b, b)  # SOLUTION
        self.scale = a * b  # (N,)  # SOLUTION

    def run(self, x):
        out = 0.0
        # BEGIN SOLUTION
        out = x + 1
        out *= 2
        # END SOLUTION
        return out

    def method_of_a_value(self, scores):
        return (scores > 0).astype(int)  # SOLUTION
"""


def test_stub_replaces_regions_and_keeps_everything_else():
    stub = make_stub(SOLUTION)
    assert "self.i2h = nn.Linear(XXXX)\n" in stub
    assert "self.scale = XXXX  # (N,)\n" in stub
    assert "        XXXX  # your code here\n        return out\n" in stub
    assert "return XXXX\n" in stub  # a method call on a computed value is replaced whole
    assert "x + 1" not in stub and "a + b" not in stub and "astype" not in stub
    assert not has_markers(stub)
    kept = [line for line in SOLUTION.splitlines() if "SOLUTION" not in line and "out = x" not in line]
    assert all(line in stub.splitlines() for line in kept if "out *=" not in line and "i2h" not in line)


def test_stub_compiles_and_fails_only_when_run():
    namespace = {"nn": None}
    exec(compile(make_stub(SOLUTION), "stub", "exec"), namespace)
    with pytest.raises(NameError, match="XXXX"):
        namespace["Cell"].run(None, 1)


@pytest.mark.parametrize(
    "source, message",
    [
        ("# BEGIN SOLUTION\nx = 1\n", "never closed"),
        ("x = 1\n# END SOLUTION\n", "without a BEGIN"),
        ("# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION\n", "inside the region"),
        ("def f():\n    pass  # SOLUTION\n", "must end a one-line"),
    ],
)
def test_misplaced_markers_are_reported_with_their_line(source, message):
    with pytest.raises(RegionError, match=message):
        make_stub(source, "lab.py")


def test_hidden_regions_are_dropped():
    source = "a = 1\n# BEGIN HIDDEN\nb = 2\n# END HIDDEN\nc = 3\n"
    assert strip_hidden(source) == "a = 1\nc = 3\n"
    with pytest.raises(RegionError, match="never closed"):
        strip_hidden("# BEGIN HIDDEN\n")
