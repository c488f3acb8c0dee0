"""Chapter 7's comparison with numpy: the same 64-32-10 tanh network as the
fast form, written the classic from-scratch way (one layer object at a
time, forward and backward as methods, as in chapter 5), timed on one epoch
of the 1,438 training digits, one image at a time and in batches of 32, and
on 10,000 epochs of XOR. Run it from the workspace root, with Python 3 and
numpy installed, on the file the Rust side writes:

    cargo run --release -p against-numpy -- write-weights weights.txt
    python3 chapters/chapter-07/numpy/speed.py --weights weights.txt

The file holds the starting weights, the line numbers of the 1,438 training
images in the data file (in the order of chapter 6's split, the order one
image at a time), the order of the images for the batches (the shuffle of
the Rust side's first epoch), the learning rate, and what one epoch each
way computes. Before timing anything the script trains one epoch each way
from those weights in those orders and stops with an error naming what
differs from the Rust side's numbers by more than 1e-12 (`--check`: and
then stops, timing nothing). It then prints the table that chapter 7's
page quotes, for the machine it runs on: the fastest of several runs, in
milliseconds (seconds for XOR, from weights of its own).

With `--epochs N --batch M` it only trains the digits network for N epochs
in batches of M (1: one image at a time) and prints the last epoch's loss,
so that a tool which times whole programs can pair it with the Rust side's
run of the same work, `against-numpy train --epochs N --batch M` (chapter
7's page says how).

OpenBLAS may be told to use an older kernel by OPENBLAS_CORETYPE; to
measure numpy at its best, unset it (and OPENBLAS_L2_SIZE) for this run.
"""

import argparse
import gzip
import platform
import sys
import time
from pathlib import Path

try:
    import numpy as np
except ModuleNotFoundError:
    sys.exit("numpy is not installed for this python3: python3 -m pip install numpy")

DATA = Path(__file__).resolve().parents[2] / "chapter-06" / "data" / "digits.csv.gz"


class Dense:
    def __init__(self, inputs, outputs, rng=None, weights=None, biases=None):
        if weights is not None:
            self.weights, self.biases = weights.copy(), biases.copy()
            return
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


def layer_count(matrices):
    """How many dense layers the file holds: W1, W2, ... up to the first
    one missing."""
    k = 0
    while f"W{k + 1}" in matrices:
        k += 1
    return k


def from_weights(matrices):
    """The network the Rust side starts from: W1, b1, W2, b2, ..."""
    layers = []
    for k in range(1, layer_count(matrices) + 1):
        layers += [Dense(0, 0, weights=matrices[f"W{k}"], biases=matrices[f"b{k}"]), Tanh()]
    return layers


def epoch(layers, inputs, desired, batch, rate):
    """One epoch in batches of `batch`, in the order of the columns; returns
    the mean squared error over the samples, as the Rust side reports it."""
    total = 0.0
    for start in range(0, inputs.shape[1], batch):
        y = inputs[:, start : start + batch]
        for layer in layers:
            y = layer.forward(y)
        target = desired[:, start : start + batch]
        total += np.mean((y - target) ** 2) * y.shape[1]
        g = 2 * (y - target) / y.size
        for layer in reversed(layers):
            g = layer.backward(g, rate)
    return total / inputs.shape[1]


def read_weights(path):
    """The matrices of the file `against-numpy write-weights` wrote: a line
    `NAME ROWS COLUMNS`, then one line per row; `#` starts a comment."""
    try:
        text = Path(path).read_text()
    except (OSError, UnicodeDecodeError) as error:
        sys.exit(f"cannot read the weights file {path}: {error}")
    matrices = {}
    lines = [(k + 1, line.strip()) for k, line in enumerate(text.splitlines())]
    lines = [(k, line) for k, line in lines if line and not line.startswith("#")]
    i = 0
    while i < len(lines):
        number, header = lines[i]
        fields = header.split()
        if len(fields) != 3 or not fields[1].isdigit() or not fields[2].isdigit():
            sys.exit(f"{path}, line {number}: expected NAME ROWS COLUMNS, found {header!r}")
        name, rows, columns = fields[0], int(fields[1]), int(fields[2])
        if name in matrices:
            sys.exit(f"{path}, line {number}: a second matrix called {name}")
        body = lines[i + 1 : i + 1 + rows]
        if len(body) < rows:
            sys.exit(f"{path}: {name} should have {rows} rows, the file ends after {len(body)}")
        values = []
        for number, line in body:
            row = line.split()
            if len(row) != columns:
                sys.exit(f"{path}, line {number}: {name} should have {columns} numbers a row, found {len(row)}")
            try:
                values.append([float(v) for v in row])
            except ValueError:
                sys.exit(f"{path}, line {number}: a row of {name} holds something that is not a number")
        matrices[name] = np.array(values, dtype=float).reshape(rows, columns)
        i += 1 + rows
    return matrices


def counts(path, matrices, name, below):
    """The row of whole numbers `name`, each at least 0 and below `below`."""
    values = matrices[name]
    if values.shape[0] != 1 or not np.all(values == np.round(values)) or \
            not np.all((values >= 0) & (values < below)):
        sys.exit(f"{path}: {name} should be one row of whole numbers from 0 to {below - 1}")
    return values[0].astype(int)


def validate(path, matrices, lines):
    """Stop, naming what is wrong, unless `matrices` is a whole weights file
    for the data file's `lines` lines; returns the learning rate, the
    training lines and the batches' order."""
    layers = layer_count(matrices)
    names = ["learning_rate", "batch_size", "rows", "order", "one_at_a_time_loss", "batches_loss"]
    for prefix in ["", "one_at_a_time_", "batches_"]:
        names += [f"{prefix}{w}{k}" for k in range(1, layers + 1) for w in "Wb"]
    missing = [name for name in names if name not in matrices]
    if layers == 0 or missing:
        sys.exit(f"{path} holds no {', '.join(missing or ['W1'])}: write it again with "
                 f"`cargo run --release -p against-numpy -- write-weights {path}`")
    inputs = 64
    for k in range(1, layers + 1):
        w, b = matrices[f"W{k}"], matrices[f"b{k}"]
        if w.shape[1] != inputs or b.shape != (w.shape[0], 1):
            sys.exit(f"{path}: W{k} is {w.shape} and b{k} {b.shape}; expected ({w.shape[0]}, {inputs}) "
                     f"and ({w.shape[0]}, 1), one column per input of the layer")
        for prefix in ["one_at_a_time_", "batches_"]:
            for name in [f"W{k}", f"b{k}"]:
                if matrices[prefix + name].shape != matrices[name].shape:
                    sys.exit(f"{path}: {prefix + name} is {matrices[prefix + name].shape}, "
                             f"expected {matrices[name].shape} as {name}")
        inputs = w.shape[0]
    if inputs != 10:
        sys.exit(f"{path}: the last layer has {inputs} outputs, expected 10, one per digit")
    rate = matrices["learning_rate"].ravel()
    if rate.size != 1 or not rate[0] > 0 or not np.isfinite(rate[0]):
        sys.exit(f"{path}: learning_rate should be one positive number")
    if matrices["batch_size"].ravel().tolist() != [32.0]:
        sys.exit(f"{path}: batch_size should be 32, the batches the file's results were trained in")
    rows = counts(path, matrices, "rows", lines)
    order = counts(path, matrices, "order", len(rows))
    if len(order) != len(rows) or len(set(order.tolist())) != len(rows):
        sys.exit(f"{path}: order should hold each of 0 to {len(rows) - 1} once, a position in rows")
    return rate[0], rows, order


def check(layers, matrices, prefix, loss):
    """Stop unless loss and weights equal the Rust side's PREFIX ones to 1e-12
    (a NaN on either side is a difference); returns the largest difference
    and what it is in."""
    worst = abs(loss - matrices[prefix + "loss"][0, 0]), prefix + "loss"
    differences = [worst]
    for k, layer in enumerate(layers[::2], start=1):
        for name, mine in [(f"W{k}", layer.weights), (f"b{k}", layer.biases)]:
            differences.append((np.max(np.abs(mine - matrices[prefix + name])), prefix + name))
    for difference, name in differences:
        if not difference <= 1e-12:
            sys.exit(f"numpy and the Rust side differ: {name} by {difference:.3g} (more than 1e-12)")
        worst = max(worst, (difference, name))
    return worst


def fastest(runs, setup, work):
    best = float("inf")
    for _ in range(runs):
        state = setup()
        start = time.perf_counter()
        work(state)
        best = min(best, time.perf_counter() - start)
    return best


def data_file():
    """Every line of the digits' data file, as numbers."""
    try:
        with gzip.open(DATA, "rt") as file:
            return np.array([[float(v) for v in line.split(",")] for line in file if line.strip()])
    except OSError as error:
        sys.exit(f"cannot read the digits' data file {DATA}: {error}")


def digits(data, lines):
    """The images of the data file's lines `lines` (counting from 0), in that
    order, as columns, and their one-hot labels."""
    rows = data[lines]
    inputs = rows[:, :64].T / 16.0
    desired = np.zeros((10, len(rows)))
    desired[rows[:, 64].astype(int), np.arange(len(rows))] = 1.0
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


def arguments():
    parser = argparse.ArgumentParser(
        description="Chapter 7's digits network in numpy, timed; see the top of this file."
    )
    parser.add_argument("--weights", metavar="PATH", required=True,
                        help="start from the file `against-numpy write-weights PATH` wrote")
    parser.add_argument("--epochs", metavar="N", type=int,
                        help="only train N epochs (with --batch) and print the last loss")
    parser.add_argument("--batch", metavar="M", type=int,
                        help="the batch size for --epochs (1: one image at a time)")
    parser.add_argument("--check", action="store_true",
                        help="with --weights: only check one epoch each way against the file")
    args = parser.parse_args()
    if args.check and args.epochs is not None:
        parser.error("--check only checks, and --epochs only trains: give one of them")
    if (args.epochs is None) != (args.batch is None):
        parser.error("--epochs N and --batch M go together")
    if args.epochs is not None and (args.epochs < 1 or args.batch < 1):
        parser.error(f"--epochs and --batch take whole numbers of at least 1, "
                     f"found {args.epochs} and {args.batch}")
    return args


def main():
    args = arguments()
    if not Path(args.weights).is_file():
        sys.exit(f"{args.weights}: no such file; write it with "
                 f"`cargo run --release -p against-numpy -- write-weights {args.weights}`")
    matrices = read_weights(args.weights)
    data = data_file()
    rate, rows, order = validate(args.weights, matrices, len(data))
    # One image at a time in the order of the split, in batches in the
    # Rust side's shuffle.
    inputs, desired = digits(data, rows)
    shuffled, shuffled_desired = inputs[:, order], desired[:, order]
    start = lambda: from_weights(matrices)
    if args.epochs is not None:
        layers = start()
        for _ in range(args.epochs):
            if args.batch == 1:
                loss = epoch(layers, inputs, desired, 1, rate)
            else:
                loss = epoch(layers, shuffled, shuffled_desired, args.batch, rate)
        print(f"loss after {args.epochs} epochs: {loss}")
        return
    one, batches = start(), start()
    worst_one = check(one, matrices, "one_at_a_time_", epoch(one, inputs, desired, 1, rate))
    worst_b32 = check(batches, matrices, "batches_", epoch(batches, shuffled, shuffled_desired, 32, rate))
    print(f"the same numbers as the Rust side after one epoch: one image at a time to "
          f"{worst_one[0]:.1e} ({worst_one[1]}), in batches of 32 to {worst_b32[0]:.1e} ({worst_b32[1]})")
    if args.check:
        return
    xor_inputs = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    xor_desired = np.array([[0.0, 1.0, 1.0, 0.0]])

    one = fastest(5, start, lambda n: epoch(n, inputs, desired, 1, rate))
    b32 = fastest(10, start, lambda n: epoch(n, shuffled, shuffled_desired, 32, rate))

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
