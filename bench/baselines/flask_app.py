"""Baseline (b), the seed recipe: a Flask app serving pickled scikit-learn models under gunicorn.

Loads every BENCH_PICKLES/<name>.pkl (written by pickle_mlp.py) and answers the same V2 JSON infer
and V1 predict shapes the bench sends, so the same load runs against it. No batching: one
predict_proba per request, as the recipe does. Run: gunicorn -w 2 flask_app:app.
"""
import os
import pickle
from pathlib import Path

import numpy as np
from flask import Flask, abort, jsonify, request

MODELS = {
    path.stem: pickle.loads(path.read_bytes())
    for path in Path(os.environ["BENCH_PICKLES"]).glob("*.pkl")
}

app = Flask(__name__)


def model_or_404(name):
    model = MODELS.get(name)
    if model is None:
        abort(404)
    return model


@app.post("/v2/models/<name>/infer")
def infer(name):
    model = model_or_404(name)
    tensor = request.get_json(force=True)["inputs"][0]
    x = np.asarray(tensor["data"], dtype=np.float32).reshape(tensor["shape"])
    proba = model.predict_proba(x)
    output = {
        "name": "probabilities",
        "datatype": "FP32",
        "shape": list(proba.shape),
        "data": proba.ravel().tolist(),
    }
    return jsonify(model_name=name, model_version="1", outputs=[output])


@app.post("/v1/models/<name>:predict")
def predict(name):
    model = model_or_404(name)
    x = np.asarray(request.get_json(force=True)["instances"], dtype=np.float32)
    return jsonify(predictions=model.predict_proba(x).tolist())


@app.get("/health/live")
def live():
    return jsonify(live=True)
