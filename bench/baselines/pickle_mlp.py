"""Builds the seed recipe's model file: a scikit-learn MLPClassifier holding the bench MLP's weights, pickled.

Usage: pickle_mlp.py WEIGHTS_DIR OUT.pkl
WEIGHTS_DIR holds W1.npy, B1.npy, W2.npy, ... written by the bench from the same seeded weights as
the ONNX model (weights [in, out], biases [out], float32). The classifier is fitted for one step on
dummy rows (one per class) so scikit-learn sets up its internals, then its coefs_/intercepts_ are
replaced by the bench weights. predict_proba then answers relu layers and a softmax head: the same
function as the ONNX graph.
"""
import pickle
import sys
import warnings
from pathlib import Path

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier


def main(weights_dir: Path, out: Path) -> None:
    coefs, intercepts = [], []
    layer = 1
    while (weights_dir / f"W{layer}.npy").exists():
        coefs.append(np.load(weights_dir / f"W{layer}.npy"))
        intercepts.append(np.load(weights_dir / f"B{layer}.npy"))
        layer += 1
    inputs, classes = coefs[0].shape[0], coefs[-1].shape[1]
    hidden = tuple(w.shape[1] for w in coefs[:-1])
    model = MLPClassifier(hidden_layer_sizes=hidden, activation="relu", max_iter=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(np.zeros((classes, inputs), dtype=np.float32), np.arange(classes))
    model.coefs_, model.intercepts_ = coefs, intercepts
    with open(out, "wb") as f:
        pickle.dump(model, f)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
