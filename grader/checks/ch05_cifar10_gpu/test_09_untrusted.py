"""load_untrusted: a plain state_dict (even one saved on a GPU) loads onto the CPU; a crafted
pickle whose loading would create a marker folder is refused, and the marker never appears."""

import os
import tempfile

import torch
from hypothesis import strategies as st

from grader.checks.ch05_cifar10_gpu import _helpers
from grader.mistakes import mistake


def load_good_and_evil(target, root, seed):
    folder = tempfile.mkdtemp(dir=root)
    good = os.path.join(folder, "weights.pt")
    state = _helpers.tiny_net(seed).state_dict()
    _helpers.save_as_if_from_gpu(state, good)
    loaded = dict(target(good))
    trap = _helpers.load_booby_trapped(target, root, {"fc.weight": torch.zeros(2)},
                                       "load_untrusted")
    return {"state_dict": loaded, **trap}


def test_load_untrusted(kata):
    root = str(kata.tmp_path)
    kata.compare("load_untrusted",
                 st.fixed_dictionaries({"root": st.just(root), "seed": st.integers(0, 99)}),
                 probe=load_good_and_evil, max_examples=2,
                 examples=[{"root": root, "seed": 0}],
                 notes={"result['malicious_code_ran']": "the file's payload ran while loading: "
                                                        "use weights_only=True",
                        "result['state_dict']": "map the tensors to the CPU: "
                                                "map_location='cpu'"})


@mistake("load_untrusted", diagnosis="weights_only=False unpickles anything, so loading the file "
         "ran code hidden in it. Keep weights_only=True for files you did not write.")
def trusts_the_file(path):
    return torch.load(path, map_location="cpu", weights_only=False)


@mistake("load_untrusted", diagnosis="pickle.load runs whatever the file asks for. Use "
         "torch.load(path, map_location='cpu', weights_only=True).")
def plain_pickle(path):
    import pickle
    import zipfile

    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith("data.pkl"))
        return pickle.loads(archive.read(name))


@mistake("load_untrusted", diagnosis="Without map_location, a file saved on a GPU machine fails to "
         "load on a CPU-only one: pass map_location='cpu'.")
def no_map_location(path):
    return torch.load(path, weights_only=True)
