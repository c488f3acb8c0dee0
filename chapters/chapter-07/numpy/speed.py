"""Chapter 7's comparison with numpy: the same 64-32-10 tanh network as the
speed example, written the classic from-scratch way (one layer object at a
time, forward and backward as methods, as in chapter 5), timed on one epoch
of the 1438 training digits and on 10,000 epochs of XOR.

Run it from the workspace root, with Python 3 and numpy installed:

    python3 chapters/chapter-07/numpy/speed.py

It prints the table that chapter 7's page quotes, for the machine it runs on.
Timings are the fastest of several runs, in milliseconds (seconds for XOR).

With `--epochs N --batch M` it prints nothing and only trains the digits
network for N epochs in batches of M (1: one image at a time), so that a
tool which times whole programs can pair it with the Rust side's run of the
same work (the page says how).

OpenBLAS may be told to use an older kernel by OPENBLAS_CORETYPE; to
measure numpy at its best, unset it (and OPENBLAS_L2_SIZE) for this run.
"""

import gzip
import platform
import sys
import time
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[2] / "chapter-06" / "data" / "digits.csv.gz"
TRAIN = 1438


class Dense:
    def __init__(self, inputs, outputs, rng):
        self.weights = rng.standard_normal((outputs, inputs)) / np.sqrt(inputs)
        self.biases = rng.standard_normal((outputs, 1)) / np.sqrt(inputs)

    def forward(self, x):
        self.x = x
        return self.weights @ x + self.biases

    def backward(self, g, rate):
        # The gradients first, with the weights that produced the output.
        weights_gradient = g @ self.x.T
        input_gradient = self.weights.T @ g
        self.weights -= rate * weights_gradient
        self.biases -= rate * g.sum(axis=1, keepdims=True)
        return input_gradient


class Tanh:
    def forward(self, x):
        self.y = np.tanh(x)
        return self.y

    def backward(self, g, rate):
        return g * (1 - self.y**2)


def network(sizes, seed):
    rng = np.random.default_rng(seed)
    layers = []
    for inputs, outputs in zip(sizes, sizes[1:]):
        layers += [Dense(inputs, outputs, rng), Tanh()]
    return layers


def epoch(layers, inputs, desired, batch, rate):
    for start in range(0, inputs.shape[1], batch):
        y = inputs[:, start : start + batch]
        for layer in layers:
            y = layer.forward(y)
        target = desired[:, start : start + batch]
        g = 2 * (y - target) / y.size
        for layer in reversed(layers):
            g = layer.backward(g, rate)


def fastest(runs, setup, work):
    best = float("inf")
    for _ in range(runs):
        state = setup()
        start = time.perf_counter()
        work(state)
        best = min(best, time.perf_counter() - start)
    return best


def digits():
    with gzip.open(DATA, "rt") as file:
        rows = np.array([[float(v) for v in line.split(",")] for line in file if line.strip()])
    inputs = rows[:TRAIN, :64].T / 16.0
    desired = np.zeros((10, TRAIN))
    desired[rows[:TRAIN, 64].astype(int), np.arange(TRAIN)] = 1.0
    return inputs, desired


def floor(inputs, batch):
    """What an epoch in batches cannot do without: every tanh, every product."""
    rng = np.random.default_rng(0)
    w1, w2 = rng.standard_normal((32, 64)), rng.standard_normal((10, 32))
    batches = [inputs[:, s : s + batch] for s in range(0, inputs.shape[1], batch)]
    z1 = [w1 @ x for x in batches]
    z2 = [w2 @ np.tanh(z) for z in z1]

    def tanh(_):
        for a, b in zip(z1, z2):
            np.tanh(a)
            np.tanh(b)

    def products(_):
        for x, z in zip(batches, z1):
            h = np.tanh(z)
            w1 @ x
            w2 @ h
            g2 = np.ones((10, x.shape[1]))
            g2 @ h.T
            w2.T @ g2
            h @ x.T

    return fastest(20, lambda: None, tanh), fastest(20, lambda: None, products)


def main():
    inputs, desired = digits()
    if "--epochs" in sys.argv:
        epochs = int(sys.argv[sys.argv.index("--epochs") + 1])
        batch = int(sys.argv[sys.argv.index("--batch") + 1])
        layers = network([64, 32, 10], 0)
        for _ in range(epochs):
            epoch(layers, inputs, desired, batch, 0.1)
        return
    xor_inputs = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    xor_desired = np.array([[0.0, 1.0, 1.0, 0.0]])
    sizes = [64, 32, 10]

    one = fastest(5, lambda: network(sizes, 0), lambda n: epoch(n, inputs, desired, 1, 0.1))
    b32 = fastest(10, lambda: network(sizes, 0), lambda n: epoch(n, inputs, desired, 32, 0.1))

    def xor(n):
        for _ in range(10_000):
            epoch(n, xor_inputs, xor_desired, 1, 0.1)

    xor_time = fastest(3, lambda: network([2, 3, 1], 0), xor)
    tanh, products = floor(inputs, 32)

    print(f"Python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}")
    print(f"one image at a time      {one * 1e3:8.2f} ms")
    print(f"batches of 32            {b32 * 1e3:8.2f} ms")
    print(f"XOR, 10,000 epochs       {xor_time:8.2f} s")
    print(f"floor: tanh              {tanh * 1e3:8.2f} ms")
    print(f"floor: matrix products   {products * 1e3:8.2f} ms")


if __name__ == "__main__":
    main()
