"""Checks of the linear-models lab: least-squares fits on the rain data, their errors, the relevance
question, and the least-squares classifier with its cross-validation; hidden checks rerun every function
on other columns, other splits and synthetic data."""

from __future__ import annotations

import numpy as np

from mllabs_data import load_rain

from ..checks import CheckContext, Lab

lab = Lab("linear_models", title="Linear models on the rain data")

RAIN_THRESHOLD_MM = 2.0
CLASSIFICATION_COLUMNS = ("pressure", "temperature", "rain_24h")
FOLDS = 5
RELEVANCE_CHOICES = ("temperature", "pressure")
COEFFICIENT_RTOL = 1e-6  # the normal equations in float64 agree with lstsq to ~1e-11 on these inputs


def regression_inputs() -> dict[str, np.ndarray]:
    """The three regressions of the lab: name -> inputs of shape (N, D); the target is always rain_24h."""
    data = load_rain()
    return {
        "date": data.hours[:, None],
        "pressure": data.pressure[:, None],
        "temperature_pressure": np.column_stack([data.temperature, data.pressure]),
    }


def rain_tomorrow(columns=CLASSIFICATION_COLUMNS, threshold: float = RAIN_THRESHOLD_MM, data=None):
    """The classification pairs (observations at t, rain_24h at t+1 > threshold) of the lab's convention:
    t+1 is the next row, kept only when it is exactly 3 hours later. Returns inputs (M, D), labels (M,)."""
    data = load_rain() if data is None else data
    follows = np.diff(data.hours) == 3.0  # (N - 1,)
    observations = np.column_stack([getattr(data, name) for name in columns])  # (N, D)
    return observations[:-1][follows], (data.rain[1:][follows] > threshold).astype(int)


def _theta(ctx: CheckContext, value, dimensions: int, what: str) -> np.ndarray:
    return ctx.array(value, what, shape=(dimensions + 1,))


def _fit(ctx: CheckContext, inputs: np.ndarray, targets: np.ndarray, what: str) -> np.ndarray:
    return _theta(ctx, ctx.student.fit_least_squares(inputs, targets).fetch(), inputs.shape[1], what)


@lab.frozen
def regression_thetas(reference):
    rain = load_rain().rain
    return {name: reference.fit_least_squares(inputs, rain) for name, inputs in regression_inputs().items()}


@lab.frozen
def regression_errors(reference):
    rain = load_rain().rain
    thetas = regression_thetas(reference)
    return {name: reference.squared_error(thetas[name], inputs, rain) for name, inputs in regression_inputs().items()}


@lab.frozen
def relevance_errors(reference):
    data = load_rain()
    return reference.one_input_errors(np.column_stack([data.temperature, data.pressure]), data.rain)


@lab.frozen
def classifier(reference):
    inputs, labels = rain_tomorrow()
    theta = reference.fit_linear_classifier(inputs, labels)
    return theta, reference.classification_error(theta, inputs, labels)


@lab.frozen
def cross_validation(reference):
    inputs, labels = rain_tomorrow()
    return reference.cross_validation_errors(inputs, labels, FOLDS)


def _regression_check(ctx: CheckContext, name: str, label: str) -> None:
    inputs = regression_inputs()[name]
    theta = _fit(ctx, inputs, load_rain().rain, f"theta for {label}")
    expected = ctx.frozen("regression_thetas")[name]
    ctx.close(theta, expected, f"theta = [bias, weights] for {label}", rtol=COEFFICIENT_RTOL, atol=0)


@lab.check("Q1 rain = f(date)")
def least_squares_on_the_date(ctx: CheckContext) -> None:
    _regression_check(ctx, "date", "rain = f(hours)")


@lab.check("Q2 rain = f(pressure)")
def least_squares_on_the_pressure(ctx: CheckContext) -> None:
    _regression_check(ctx, "pressure", "rain = f(pressure)")


@lab.check("Q3 rain = f(temperature, pressure)")
def least_squares_on_temperature_and_pressure(ctx: CheckContext) -> None:
    _regression_check(ctx, "temperature_pressure", "rain = f(temperature, pressure)")


@lab.check("Q4 errors")
def squared_errors_of_the_three_fits(ctx: CheckContext) -> None:
    rain = load_rain().rain
    thetas, errors = ctx.frozen("regression_thetas"), ctx.frozen("regression_errors")
    for name, inputs in regression_inputs().items():
        error = ctx.number(ctx.student.squared_error(thetas[name], inputs, rain).fetch(), f"the error ({name})")
        ctx.close(error, errors[name], f"the mean squared error of the fitted model ({name}), in mm^2", rtol=1e-9)


@lab.check("Q4 errors")
def a_random_model_does_worse(ctx: CheckContext) -> None:
    rain = load_rain().rain
    rng = np.random.default_rng(2024)
    for name, inputs in regression_inputs().items():
        fitted = ctx.frozen("regression_thetas")[name]
        random_theta = fitted + 0.05 * np.abs(fitted) * rng.normal(size=fitted.shape)  # drawn by the grader
        error = ctx.number(ctx.student.squared_error(random_theta, inputs, rain).fetch(), "the random model's error")
        expected = float(np.mean((random_theta[0] + inputs @ random_theta[1:] - rain) ** 2))
        ctx.close(error, expected, f"the error of the random model {random_theta} ({name})", rtol=1e-9)
        ctx.require(error > ctx.frozen("regression_errors")[name], "the random model should do worse")


@lab.check("Q5 most relevant input")
def standardized_columns_have_zero_mean_and_unit_deviation(ctx: CheckContext) -> None:
    data = load_rain()
    inputs = np.column_stack([data.temperature, data.pressure])
    scaled = ctx.array(ctx.student.standardize(inputs).fetch(), "standardize(inputs)", shape=inputs.shape)
    ctx.close(scaled.mean(axis=0), np.zeros(2), "the column means after standardize", atol=1e-9)
    ctx.close(scaled.std(axis=0), np.ones(2), "the column standard deviations (ddof=0) after standardize")
    ctx.close(scaled, (inputs - inputs.mean(axis=0)) / inputs.std(axis=0), "standardize(inputs)", rtol=1e-9)


@lab.check("Q5 most relevant input")
def errors_of_the_one_input_models(ctx: CheckContext) -> None:
    data = load_rain()
    inputs = np.column_stack([data.temperature, data.pressure])
    errors = ctx.student.one_input_errors(inputs, data.rain).fetch()
    ctx.close(errors, ctx.frozen("relevance_errors"), "one_input_errors([temperature, pressure])", rtol=1e-9)


@lab.check("Q6 linear classifier")
def least_squares_classifier(ctx: CheckContext) -> None:
    inputs, labels = rain_tomorrow()
    theta = _theta(ctx, ctx.student.fit_linear_classifier(inputs, labels).fetch(), inputs.shape[1], "theta")
    ctx.close(theta, ctx.frozen("classifier")[0], "the classifier's theta", rtol=COEFFICIENT_RTOL, atol=0)


@lab.check("Q6 linear classifier")
def training_error_of_the_classifier(ctx: CheckContext) -> None:
    inputs, labels = rain_tomorrow()
    theta, expected = ctx.frozen("classifier")
    predictions = ctx.array(ctx.student.predict_classes(theta, inputs).fetch(), "predictions", shape=labels.shape)
    ctx.equal(sorted(set(predictions.tolist())), [0.0, 1.0], "the predicted classes")
    error = ctx.number(ctx.student.classification_error(theta, inputs, labels).fetch(), "the training error")
    ctx.close(error, expected, "the training error of the least-squares classifier", rtol=0, atol=1e-12)


@lab.check("Q7 cross-validation")
def folds_are_consecutive_blocks(ctx: CheckContext) -> None:
    folds = ctx.student.kfold_indices(11, 3).fetch()
    ctx.require(isinstance(folds, (list, tuple)) and len(folds) == 3, "kfold_indices(11, 3) should give 3 folds")
    expected = [list(range(0, 4)), list(range(4, 8)), list(range(8, 11))]
    for j, (fold, want) in enumerate(zip(folds, expected, strict=True)):
        ctx.close(fold, np.array(want), f"fold {j} of kfold_indices(11, 3)", rtol=0, atol=0)


@lab.check("Q7 cross-validation", points=2)
def cross_validation_errors_on_the_rain_data(ctx: CheckContext) -> None:
    inputs, labels = rain_tomorrow()
    errors = ctx.student.cross_validation_errors(inputs, labels, FOLDS).fetch()
    ctx.close(errors, ctx.frozen("cross_validation"), f"the {FOLDS} fold errors", rtol=0, atol=1e-12)


# BEGIN HIDDEN
def _synthetic(seed: int, n: int, dimensions: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    inputs = rng.normal(size=(n, dimensions)) * rng.uniform(0.5, 20, size=dimensions) + rng.normal(size=dimensions)
    targets = inputs @ rng.normal(size=dimensions) + rng.normal() + rng.normal(size=n)
    return inputs, targets


@lab.check("Q3 rain = f(temperature, pressure)", hidden=True)
def least_squares_on_other_data(ctx: CheckContext) -> None:
    reference = ctx.reference()
    for seed, n, dimensions in ((11, 40, 4), (12, 7, 1), (13, 200, 6)):
        inputs, targets = _synthetic(seed, n, dimensions)
        theta = _fit(ctx, inputs, targets, "theta")
        ctx.close(theta, reference.fit_least_squares(inputs, targets), "theta on other data", rtol=1e-6, atol=1e-9)
        error = ctx.number(ctx.student.squared_error(theta, inputs, targets).fetch(), "the error")
        ctx.close(error, reference.squared_error(theta, inputs, targets), "the error on other data", rtol=1e-9)


@lab.check("Q5 most relevant input", hidden=True)
def relevance_answer_backed_by_the_evidence(ctx: CheckContext) -> None:
    answer = ctx.choice_answer("answer_relevant_input", "RELEVANCE_CHOICES")
    data = load_rain()
    inputs = np.column_stack([data.temperature, data.pressure])
    errors = ctx.array(ctx.student.one_input_errors(inputs, data.rain).fetch(), "one_input_errors", shape=(2,))
    ctx.equal(RELEVANCE_CHOICES[int(np.argmin(errors))], answer, "the input with the smaller error")


@lab.check("Q5 most relevant input", hidden=True)
def one_input_errors_on_other_columns(ctx: CheckContext) -> None:
    reference = ctx.reference()
    data = load_rain()
    inputs = np.column_stack([data.rain_6h, data.hours, data.pressure, data.temperature])
    for target in (data.rain_12h, data.temperature):
        expected = reference.one_input_errors(inputs, target)
        ctx.close(ctx.student.one_input_errors(inputs, target).fetch(), expected, "one_input_errors", rtol=1e-7)


@lab.check("Q6 linear classifier", hidden=True)
def classifier_on_other_columns_and_thresholds(ctx: CheckContext) -> None:
    reference = ctx.reference()
    for columns, threshold in ((("pressure", "rain_6h"), 0.5), (("temperature", "rain_1h", "rain_12h"), 5.0)):
        inputs, labels = rain_tomorrow(columns, threshold)
        theta = _theta(ctx, ctx.student.fit_linear_classifier(inputs, labels).fetch(), len(columns), "theta")
        ctx.close(theta, reference.fit_linear_classifier(inputs, labels), "theta on other columns", rtol=1e-6)
        error = ctx.number(ctx.student.classification_error(theta, inputs, labels).fetch(), "the error")
        ctx.close(error, reference.classification_error(theta, inputs, labels), "the error", rtol=0, atol=1e-12)


@lab.check("Q7 cross-validation", hidden=True)
def folds_for_other_sizes(ctx: CheckContext) -> None:
    reference = ctx.reference()
    for n, k in ((10, 5), (23, 4), (7, 7), (100, 3)):
        folds = ctx.student.kfold_indices(n, k).fetch()
        expected = reference.kfold_indices(n, k)
        ctx.require(isinstance(folds, (list, tuple)) and len(folds) == k, f"kfold_indices({n}, {k}): {k} folds")
        for fold, want in zip(folds, expected, strict=True):
            ctx.close(fold, want, f"a fold of kfold_indices({n}, {k})", rtol=0, atol=0)


@lab.check("Q7 cross-validation", hidden=True)
def cross_validation_on_other_splits_and_columns(ctx: CheckContext) -> None:
    reference = ctx.reference()
    inputs, labels = rain_tomorrow(("pressure", "rain_12h"), 1.0)
    for k in (3, 7):
        errors = ctx.student.cross_validation_errors(inputs, labels, k).fetch()
        expected = reference.cross_validation_errors(inputs, labels, k)
        ctx.close(errors, expected, f"the {k} fold errors on other columns", rtol=0, atol=1e-12)
    rng = np.random.default_rng(5)
    inputs = rng.normal(size=(53, 3))
    labels = (inputs @ np.array([1.0, -1.0, 0.5]) + rng.normal(size=53) > 0.3).astype(int)
    errors = ctx.student.cross_validation_errors(inputs, labels, 4).fetch()
    ctx.close(errors, reference.cross_validation_errors(inputs, labels, 4), "the fold errors", rtol=0, atol=1e-12)


# END HIDDEN
