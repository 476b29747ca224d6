"""Lab: a Gaussian mixture for P(rain, pressure), trained by EM, then used to predict the rain.

A mixture of K Gaussians with full covariances models the joint density of x = (rain, pressure):

    p(x) = sum_k pi_k N(x; mu_k, Sigma_k)

Expectation-maximisation (Dempster, Laird and Rubin, 1977) alternates two steps:

    E-step:  r_nk = pi_k N(x_n; mu_k, Sigma_k) / p(x_n)                      (responsibilities)
    M-step:  N_k = sum_n r_nk,   pi_k = N_k / N,   mu_k = sum_n r_nk x_n / N_k,
             Sigma_k = sum_n r_nk (x_n - mu_k)(x_n - mu_k)^T / N_k + reg * I

and the mean log-likelihood (1/N) sum_n log p(x_n) never decreases from one iteration to the next.
The lab fits K = 3 components, names them, and predicts whether it rains from the pressure alone with
the conditional distribution of the rain given the pressure under the joint mixture.

Letters: N samples, D dimensions of a sample (2 here: rain, pressure), K components.

Conventions (every function below follows them exactly):
- Data: ``load_rain()`` with ``drop_missing=True``, in file order; ``x_n = [rain_24h in mm, pressure in
  hPa]`` (hPa = Pa / 100), rain FIRST: an array of shape (N, 2) (``rain_and_pressure``).
- Parameters: ``weights`` of shape (K,), ``means`` of shape (K, D), ``covariances`` of shape (K, D, D).
- Initialisation (given, ``initial_parameters``): ``rng = np.random.default_rng(seed)``; the means are
  the samples ``inputs[rng.choice(N, size=K, replace=False)]``; every covariance is the covariance of
  the whole data (``np.cov(inputs, rowvar=False, bias=True)``); every weight is 1 / K.
- The M-step adds ``reg_covar`` (1e-6 by default, as scikit-learn does) to the diagonal of each covariance:
  72% of the hours are dry, with a rain of exactly 0, and a component made of them would have a zero
  variance without it.
- A log-likelihood is the MEAN over the N samples of ``log p(x_n)`` (natural log).
- One EM iteration is one E-step then one M-step. ``fit_gmm`` runs exactly ``iterations`` of them and
  records, at each, the log-likelihood computed by its E-step (that of the parameters before its M-step).
- "It rains" means ``rain_24h > 0.1`` mm (any rain the gauge measured: it counts in steps of 0.254 mm).

Run ``python gmm.py`` to fit the mixture, print its components and accuracy, and plot it.
"""

from __future__ import annotations

import math

import numpy as np

from mllabs_data import load_rain

K = 3  # components
ITERATIONS = 100  # EM iterations of the lab's fit
SEED = 0  # seed of the lab's initialisation
REG_COVAR = 1e-6  # added to the diagonal of every covariance by the M-step
RAIN_MM = 0.1  # "it rains": rain_24h > 0.1 mm
COMPONENT_NAMES = ("dry", "light rain", "heavy rain")


# --- data and initialisation (given) ------------------------------------------------------------------


def rain_and_pressure(data) -> np.ndarray:
    """The lab's samples from a ``RainData``: an array of shape (N, 2), columns [rain_24h mm, pressure hPa]."""
    return np.column_stack([data.rain, data.pressure / 100.0])


def initial_parameters(inputs: np.ndarray, k: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The lab's initialisation (given): k distinct samples as means, the data's covariance, equal weights.

    - inputs: array of shape (N, D); k: the number of components; seed: the generator's seed
    Returns ``(weights, means, covariances)`` of shapes (K,), (K, D), (K, D, D).
    """
    inputs = np.asarray(inputs, dtype=float)
    rng = np.random.default_rng(seed)
    means = inputs[rng.choice(len(inputs), size=k, replace=False)]  # (K, D)
    covariances = np.repeat(np.cov(inputs, rowvar=False, bias=True)[None], k, axis=0)  # (K, D, D)
    return np.full(k, 1.0 / k), means, covariances


def normal_survival(z: np.ndarray) -> np.ndarray:
    """P(Z > z) for a standard normal Z, elementwise (given: numpy has no erf)."""
    z = np.asarray(z, dtype=float)
    return np.vectorize(lambda value: 0.5 * math.erfc(value / math.sqrt(2.0)), otypes=[float])(z)


# --- EM -------------------------------------------------------------------------------------------------


def log_gaussian_density(inputs: np.ndarray, mean: np.ndarray, covariance: np.ndarray) -> np.ndarray:
    """``log N(x_n; mean, covariance)`` for every sample.

        log N(x; mu, Sigma) = -1/2 [ (x - mu)^T Sigma^{-1} (x - mu) + log det(2 pi Sigma) ]

    - inputs: array of shape (N, D); mean: array of shape (D,); covariance: array of shape (D, D)
    Returns a float array of shape (N,).
    """
    inputs = np.asarray(inputs, dtype=float)
    # BEGIN SOLUTION
    centred = inputs - mean  # (N, D)
    mahalanobis = np.sum(centred @ np.linalg.inv(covariance) * centred, axis=1)  # (N,)
    _, log_det = np.linalg.slogdet(2 * np.pi * np.asarray(covariance, dtype=float))
    log_density = -0.5 * (mahalanobis + log_det)  # (N,)
    # END SOLUTION
    return log_density


def e_step(inputs: np.ndarray, weights: np.ndarray, means: np.ndarray,
           covariances: np.ndarray) -> tuple[np.ndarray, float]:  # fmt: skip
    """The E-step: responsibilities and the mean log-likelihood of the current parameters.

    - inputs: array of shape (N, D); weights (K,), means (K, D), covariances (K, D, D)
    Returns ``(responsibilities, log_likelihood)``: an array of shape (N, K) whose rows sum to 1 (entry
    (n, k) is P(component k | x_n)), and the float ``(1/N) sum_n log p(x_n)``. Work with logarithms
    (subtract each row's maximum before exponentiating): densities underflow.
    """
    inputs = np.asarray(inputs, dtype=float)
    # BEGIN SOLUTION
    log_joint = np.column_stack([np.log(weights[k]) + log_gaussian_density(inputs, means[k], covariances[k])
                                 for k in range(len(weights))])  # (N, K): log pi_k N(x_n; mu_k, Sigma_k)  # fmt: skip
    top = log_joint.max(axis=1, keepdims=True)  # (N, 1)
    log_evidence = top[:, 0] + np.log(np.exp(log_joint - top).sum(axis=1))  # (N,): log p(x_n)
    responsibilities = np.exp(log_joint - log_evidence[:, None])  # (N, K)
    log_likelihood = float(log_evidence.mean())
    # END SOLUTION
    return responsibilities, log_likelihood


def m_step(inputs: np.ndarray, responsibilities: np.ndarray,
           reg_covar: float = REG_COVAR) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """The M-step: the parameters that maximise the expected log-likelihood under the responsibilities.

    - inputs: array of shape (N, D); responsibilities: array of shape (N, K)
    - reg_covar: added to the diagonal of every covariance
    Returns ``(weights, means, covariances)`` of shapes (K,), (K, D), (K, D, D) (formulas in the module
    docstring; the covariance divides by N_k, not N_k - 1).
    """
    inputs = np.asarray(inputs, dtype=float)
    responsibilities = np.asarray(responsibilities, dtype=float)
    _, D = inputs.shape
    # BEGIN SOLUTION
    counts = responsibilities.sum(axis=0)  # (K,): N_k
    weights = counts / len(inputs)  # (K,)
    means = responsibilities.T @ inputs / counts[:, None]  # (K, D)
    covariances = np.zeros((len(counts), D, D))
    for k in range(len(counts)):
        centred = inputs - means[k]  # (N, D)
        covariances[k] = (responsibilities[:, k, None] * centred).T @ centred / counts[k] + reg_covar * np.eye(D)
    # END SOLUTION
    return weights, means, covariances


def fit_gmm(inputs: np.ndarray, weights: np.ndarray, means: np.ndarray, covariances: np.ndarray,
            iterations: int = ITERATIONS, reg_covar: float = REG_COVAR) -> tuple:  # fmt: skip
    """EM from the given initial parameters, for exactly ``iterations`` iterations (E-step, then M-step).

    - inputs: array of shape (N, D); weights (K,), means (K, D), covariances (K, D, D): the start
    Returns ``(weights, means, covariances, log_likelihoods)``: the parameters after the last M-step and
    a float array of shape (iterations,), entry i being the log-likelihood computed by the E-step of
    iteration i (so entry 0 is that of the initial parameters).
    """
    if iterations < 1:
        raise ValueError(f"iterations must be >= 1, got {iterations}")
    log_likelihoods = np.zeros(iterations)
    # BEGIN SOLUTION
    for i in range(iterations):
        responsibilities, log_likelihoods[i] = e_step(inputs, weights, means, covariances)
        weights, means, covariances = m_step(inputs, responsibilities, reg_covar)
    # END SOLUTION
    return weights, means, covariances, log_likelihoods


# --- using the mixture -------------------------------------------------------------------------------------


def rain_probability(pressure: np.ndarray, weights: np.ndarray, means: np.ndarray, covariances: np.ndarray,
                     rain_mm: float = RAIN_MM) -> np.ndarray:  # fmt: skip
    """P(rain > rain_mm | pressure) under a mixture of x = [rain, pressure] (rain is dimension 0).

    Within component k, (rain, pressure) is Gaussian, so rain given the pressure p is Gaussian with

        mean_k(p) = mu_k[0] + Sigma_k[0, 1] / Sigma_k[1, 1] * (p - mu_k[1])
        var_k     = Sigma_k[0, 0] - Sigma_k[0, 1]^2 / Sigma_k[1, 1]

    and the components are weighted by P(k | p), proportional to pi_k N(p; mu_k[1], Sigma_k[1, 1]):

        P(rain > r | p) = sum_k P(k | p) * normal_survival((r - mean_k(p)) / sqrt(var_k))

    - pressure: array of shape (N,), in hPa; the parameters of a 2-D mixture (K,), (K, 2), (K, 2, 2)
    Returns a float array of shape (N,) of probabilities.
    """
    pressure = np.asarray(pressure, dtype=float)
    probability = np.zeros(len(pressure))
    # BEGIN SOLUTION
    log_prior = np.column_stack([np.log(weights[k]) + log_gaussian_density(pressure[:, None], means[k, 1:],
                                                                            covariances[k, 1:, 1:])
                                 for k in range(len(weights))])  # (N, K): log pi_k N(p; mu_kp, Sigma_kpp)  # fmt: skip
    posterior = np.exp(log_prior - log_prior.max(axis=1, keepdims=True))  # (N, K)
    posterior /= posterior.sum(axis=1, keepdims=True)  # P(k | p)
    slope = covariances[:, 0, 1] / covariances[:, 1, 1]  # (K,)
    conditional_mean = means[:, 0] + slope * (pressure[:, None] - means[:, 1])  # (N, K)
    conditional_sd = np.sqrt(covariances[:, 0, 0] - slope * covariances[:, 0, 1])  # (K,)
    probability = np.sum(posterior * normal_survival((rain_mm - conditional_mean) / conditional_sd), axis=1)
    # END SOLUTION
    return probability


def predict_rain(pressure: np.ndarray, weights: np.ndarray, means: np.ndarray, covariances: np.ndarray,
                 rain_mm: float = RAIN_MM) -> np.ndarray:  # fmt: skip
    """Whether it rains: an int array of shape (N,), 1 where ``rain_probability(...) > 0.5``, else 0."""
    return (rain_probability(pressure, weights, means, covariances, rain_mm) > 0.5).astype(int)  # SOLUTION


def answer_components() -> dict[str, int]:
    """Name the components of YOUR fit (``fit_gmm`` from ``initial_parameters(x, K, SEED)``, ``ITERATIONS``
    iterations, as main() prints them): a dict mapping each of ``COMPONENT_NAMES`` ("dry" = no rain, high
    pressure; "light rain"; "heavy rain" = the most rain, low pressure) to the index of its component."""
    return {"dry": 1, "light rain": 0, "heavy rain": 2}  # SOLUTION


# --- the experiment ------------------------------------------------------------------------------------------


def save_components_plot(inputs: np.ndarray, means: np.ndarray, covariances: np.ndarray, path: str) -> None:
    """Scatter the samples (pressure across, rain up) and draw each component's 2-sigma ellipse into a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = {index: name for name, index in answer_components().items()}
    figure, axes = plt.subplots(figsize=(7, 5))
    axes.scatter(inputs[:, 1], inputs[:, 0], s=4, alpha=0.3, color="grey")
    angles = np.linspace(0, 2 * np.pi, 100)
    circle = np.stack([np.cos(angles), np.sin(angles)])  # (2, 100)
    for k in range(len(means)):
        values, vectors = np.linalg.eigh(covariances[k])  # Sigma_k = V diag(values) V^T
        ellipse = means[k][:, None] + 2 * vectors @ (np.sqrt(values)[:, None] * circle)  # (2, 100)
        axes.plot(ellipse[1], ellipse[0], label=f"{k}: {names.get(k, '?')}")
        axes.plot(means[k, 1], means[k, 0], "x", color="black")
    axes.set(xlabel="pressure (hPa)", ylabel="rain over 24 h (mm)", title="A 3-component GMM of (rain, pressure)")
    axes.legend()
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)


def main(plot_path: str = "gmm_components.png") -> None:
    inputs = rain_and_pressure(load_rain())  # (N, 2)
    weights, means, covariances, log_likelihoods = fit_gmm(inputs, *initial_parameters(inputs, K, SEED))
    _, final = e_step(inputs, weights, means, covariances)
    print(f"EM, {ITERATIONS} iterations: mean log-likelihood {log_likelihoods[0]:.4f} -> {final:.6f}")
    for k in range(K):
        print(f"  component {k}: weight {weights[k]:.3f}, mean rain {means[k, 0]:.2f} mm, "
              f"mean pressure {means[k, 1]:.2f} hPa")  # fmt: skip
    print(f"components: {answer_components()}")
    rains = (inputs[:, 0] > RAIN_MM).astype(int)
    predictions = predict_rain(inputs[:, 1], weights, means, covariances)
    print(f"rain > {RAIN_MM} mm from the pressure alone: accuracy {np.mean(predictions == rains):.4f} "
          f"(always the majority class: {max(rains.mean(), 1 - rains.mean()):.4f})")  # fmt: skip
    try:
        save_components_plot(inputs, means, covariances, plot_path)
    except ImportError:
        print("matplotlib is not installed: no plot (pip install matplotlib)")
    else:
        print(f"components saved to {plot_path}")


if __name__ == "__main__":
    main()
