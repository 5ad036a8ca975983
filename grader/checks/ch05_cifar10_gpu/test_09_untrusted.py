"""load_untrusted: a plain state_dict (even one saved on a GPU) loads onto the CPU; a crafted
pickle whose loading would create a marker folder is refused, and the marker never appears."""

import gc
import os
import tempfile
import warnings

import torch
from hypothesis import strategies as st

from grader.checks.ch05_cifar10_gpu import _helpers
from grader.mistakes import mistake

FORCE = "TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD"


def load_good_and_evil(target, root, seed):
    """load_untrusted on state_dicts saved on GPUs cuda:0 and cuda:1, then on a booby-trapped file
    (TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD unset, then set to 1)"""
    folder = tempfile.mkdtemp(dir=root)
    state = _helpers.tiny_net(seed).state_dict()
    loaded, unclosed = {}, 0
    for device in ("cuda:0", "cuda:1"):
        good = os.path.join(folder, f"weights-{device[-1]}.pt")
        _helpers.save_as_if_from_gpu(state, good, device)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ResourceWarning)
            try:
                loaded[f"saved on {device}"] = dict(target(good))
            except Exception as exc:  # noqa: BLE001 - which file fails is the fact
                loaded[f"saved on {device}"] = f"raised {_helpers.unless_todo(exc, 'load_untrusted')}"
            gc.collect()
        unclosed += sum(issubclass(w.category, ResourceWarning) for w in caught)
    evil = {"fc.weight": torch.zeros(2)}
    trap = _helpers.load_booby_trapped(target, root, evil, "load_untrusted",
                                       force_no_weights_only=False)
    forced = _helpers.load_booby_trapped(target, root, evil, "load_untrusted")
    return {"state_dict": loaded, "files left open (closed later by the garbage collector)":
            unclosed, **trap, f"with {FORCE}=1 set": forced}


def test_load_untrusted(kata):
    root = str(kata.tmp_path)
    kata.compare("load_untrusted",
                 st.fixed_dictionaries({"root": st.just(root), "seed": st.integers(0, 99)}),
                 probe=load_good_and_evil, max_examples=2,
                 examples=[{"root": root, "seed": 0}],
                 notes={"result['malicious_code_ran']": "the file's payload ran while loading: "
                                                        "use weights_only=True",
                        "result['state_dict']": "map the tensors to the CPU: "
                                                "map_location='cpu'",
                        "result['malicious_file_refused']": "pass weights_only=True and let "
                                                            "torch.load's UnpicklingError "
                                                            "propagate",
                        "result['files left": "open the file in a with block, or pass the "
                                              "path itself to torch.load",
                        f"result['with {FORCE}": "that variable switches torch.load's default "
                                                 "to weights_only=False: pass weights_only=True "
                                                 "explicitly"})


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


@mistake("load_untrusted", diagnosis="The refusal is caught and an empty dict returned, so the "
         "caller never learns the file was refused. Let torch.load's error propagate.")
def returns_empty_on_error(path):
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except Exception:  # noqa: BLE001
        return {}


@mistake("load_untrusted", diagnosis="The refusal is turned into another exception (a "
         "ValueError): callers that catch pickle.UnpicklingError miss it. Let torch.load's "
         "error propagate as it is.")
def reraises_as_value_error(path):
    import pickle

    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        raise ValueError(f"refusing to load {path!r}") from exc


@mistake("load_untrusted", diagnosis="The file opened with open(path, \"rb\") is never closed "
         "(the garbage collector closes it later, and on Windows it stays locked until then): "
         "use a with block, or give torch.load the path.")
def leaves_the_file_open(path):
    return torch.load(open(path, "rb"), map_location="cpu", weights_only=True)  # noqa: SIM115


@mistake("load_untrusted", diagnosis="weights_only is left to its default: True since PyTorch "
         "2.6, but the environment can switch it off (TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD=1) and "
         "older versions default to False. Pass weights_only=True explicitly.")
def relies_on_the_default(path):
    return torch.load(path, map_location="cpu")


@mistake("load_untrusted", diagnosis="map_location={\"cuda:0\": \"cpu\"} only remaps tensors "
         "saved from cuda:0; a file from another GPU still fails. map_location=\"cpu\" maps "
         "everything.")
def maps_only_cuda0(path):
    return torch.load(path, map_location={"cuda:0": "cpu"}, weights_only=True)
