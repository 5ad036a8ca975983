"""save_for_inference: a weights-only state_dict, parent folders created (a bare file name means
the current folder), and an atomic write: the temporary file lives in the target's folder (so
os.replace never crosses file systems), a save that fails half-way leaves the previous file
intact and no temporary file behind, and no file descriptor stays open."""

import os
import tempfile

import torch
from hypothesis import strategies as st

from grader import corners
from grader.checks._patch import namespaces_of, patched
from grader.checks.ch05_cifar10_gpu import _helpers
from grader.mistakes import mistake

TARGET = "model.pt"


def _read(path):
    if not os.path.exists(path):
        return "no file at the path"
    try:
        return torch.load(path, weights_only=True)
    except Exception as exc:  # noqa: BLE001 - reported as data
        return (f"could not be loaded with weights_only=True ({type(exc).__name__}): it holds "
                f"{_helpers.describe_file(path)}")


def _where(f, path):
    """Where torch.save was asked to write, seen at the moment it runs."""
    target = os.path.abspath(path)
    folder = os.path.dirname(target)
    if isinstance(f, (str, os.PathLike)):
        written = os.path.abspath(os.fspath(f))
    else:
        name = getattr(f, "name", None)
        written = os.path.abspath(name) if isinstance(name, str) else None
    if written == target:
        return "the target path itself"
    if written is not None:
        return ("a temporary file in the target's folder" if os.path.dirname(written) == folder
                else "a file in another folder")
    others = [n for n in os.listdir(folder) if n != TARGET]
    return "a temporary file in the target's folder" if others else "a file in another folder"


def save_then_crash(target, root, depth, seed, bare=False):
    """save_for_inference(model, path) into new folders (or a bare "model.pt" in the current
    folder), then again while torch.save fails half-way"""
    folder = tempfile.mkdtemp(dir=root)
    if bare:
        os.chdir(folder)
        path = TARGET
    else:
        path = os.path.join(folder, *[f"d{i}" for i in range(depth)], TARGET)
    model = _helpers.tiny_net(seed)
    original = torch.save
    seen = []

    def spy(obj, f, *args, **kwargs):
        seen.append(_where(f, path))
        return original(obj, f, *args, **kwargs)

    descriptors = _helpers.open_descriptors()
    try:
        with patched((torch, "save", spy), reaching=namespaces_of(target)):
            target(model, path)
    except Exception as exc:  # noqa: BLE001 - the message would hold a random folder name
        return {"the first save raised": _helpers.unless_todo(exc, "save_for_inference")}
    first = _read(path)
    listing = _files(path)

    def torn_write(obj, f, *args, **kwargs):
        if isinstance(f, (str, os.PathLike)):
            with open(f, "wb") as handle:
                handle.write(b"half a checkpoint")
        else:
            f.write(b"half a checkpoint")
        raise OSError("No space left on device")

    try:
        with patched((torch, "save", torn_write), reaching=namespaces_of(target)):
            target(_helpers.tiny_net(seed + 1), path)
        error = None
    except Exception as exc:  # noqa: BLE001
        error = _helpers.unless_todo(exc, "save_for_inference")
    return {"saved": first, "torch.save wrote to": seen, "files_in_folder": listing,
            "error_when_save_fails": error, "file_after_failed_save": _read(path),
            "files_after_failed_save": _files(path),
            "file descriptors left open": _helpers.open_descriptors() - descriptors}


def _files(path):
    """The folder's files; any file but the target counts as a (temporary) leftover."""
    return sorted(n if n == TARGET else "a leftover file"
                  for n in os.listdir(os.path.dirname(os.path.abspath(path))))


def _reached(example):
    if example.get("bare"):
        corners.reach("bare_file_name")
    return example


def test_save_for_inference(kata):
    root = str(kata.tmp_path)
    corners.reach("bare_file_name")
    kata.compare("save_for_inference",
                 st.fixed_dictionaries({"root": st.just(root), "depth": st.integers(0, 2),
                                        "seed": st.integers(0, 9), "bare": st.booleans()}
                                       ).map(_reached),
                 probe=save_then_crash, max_examples=3,
                 examples=[{"root": root, "depth": 2, "seed": 0},
                           {"root": root, "depth": 1, "seed": 2},
                           {"root": root, "depth": 0, "seed": 1, "bare": True}],
                 notes={"result['saved']": "save model.state_dict() (a dict of tensors)",
                        "result['torch.save wrote to']": "save into a temporary file in the "
                                                         "target's folder: "
                                                         "tempfile.mkstemp(dir=parent)",
                        "result['file_after": "write to a temporary file and os.replace it onto "
                                              "the target, so a failed save leaves the old file",
                        "result['files_after": "remove the temporary file when the save fails",
                        "result['file descriptors": "close the descriptor mkstemp returns "
                                                    "(os.close(fd), or os.fdopen(fd, 'wb') in "
                                                    "a with block)"})


def _atomic(model, path, obj=None, parent=None, makedirs=True, temp_dir="parent", close=True,
            cleanup=True, reraise=True):
    parent = os.path.dirname(os.path.abspath(path)) if parent is None else parent
    if makedirs:
        os.makedirs(parent, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=parent if temp_dir == "parent" else None)
    if close:
        os.close(fd)
    try:
        torch.save(model.state_dict() if obj is None else obj, tmp)
        os.replace(tmp, path)
    except BaseException:
        if cleanup:
            os.remove(tmp)
        if reraise:
            raise


@mistake("save_for_inference", diagnosis="You pickled the whole model: torch.load(..., "
         "weights_only=True), the default since PyTorch 2.6, refuses it. Save "
         "model.state_dict() instead.")
def whole_model(model, path):
    _atomic(model, path, obj=model)


@mistake("save_for_inference", diagnosis="The parent folder is not created: call "
         "os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True) first.")
def no_makedirs(model, path):
    _atomic(model, path, makedirs=False)


@mistake("save_for_inference", diagnosis="You write straight onto the target path, so a save that "
         "fails half-way destroys the previous checkpoint. Save to a temporary file in the same "
         "folder, then os.replace(tmp, path).")
def direct_write(model, path):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    torch.save(model.state_dict(), path)


@mistake("save_for_inference", diagnosis="After a failed save the temporary file is left behind: "
         "wrap torch.save and os.replace in try/except, os.remove(tmp) and re-raise.")
def leaves_temp_file(model, path):
    _atomic(model, path, cleanup=False)


@mistake("save_for_inference", diagnosis="os.makedirs(os.path.dirname(path)) fails for a bare "
         "file name (\"model.pt\": dirname is \"\"). Take the folder of the absolute path, "
         "os.path.dirname(os.path.abspath(path)), which is the current folder then.")
def makedirs_of_an_empty_parent(model, path):
    _atomic(model, path, parent=os.path.dirname(path))


@mistake("save_for_inference", diagnosis="tempfile.mkstemp() without dir= puts the temporary "
         "file in the system's temp folder: os.replace cannot move it across file systems, and "
         "a crash leaves junk there. Use tempfile.mkstemp(dir=parent).")
def temporary_file_elsewhere(model, path):
    _atomic(model, path, temp_dir="system")


@mistake("save_for_inference", diagnosis="The descriptor tempfile.mkstemp returns is never "
         "closed: every save leaks an open file (and on Windows os.replace fails on it). "
         "os.close(fd), or write through os.fdopen(fd, \"wb\") in a with block.")
def leaks_the_descriptor(model, path):
    _atomic(model, path, close=False)


@mistake("save_for_inference", diagnosis="A failed save is caught and not raised again, so it "
         "looks like a success: remove the temporary file, then `raise`.")
def swallows_the_error(model, path):
    _atomic(model, path, reraise=False)


@mistake("save_for_inference", diagnosis="The file holds NumPy arrays (Keras's get_weights() "
         "habit): torch.load(weights_only=True) refuses them and load_state_dict wants tensors. "
         "Save model.state_dict().")
def numpy_weights(model, path):
    _atomic(model, path, obj={k: v.detach().cpu().numpy() for k, v in model.state_dict().items()})


@mistake("save_for_inference", diagnosis="named_parameters() misses the buffers (BatchNorm's "
         "running_mean, running_var, num_batches_tracked): save model.state_dict().")
def parameters_only(model, path):
    _atomic(model, path, obj=dict(model.named_parameters()))


@mistake("save_for_inference", diagnosis="os.mkdir creates one folder only, so missing parents "
         "make it fail: os.makedirs(parent, exist_ok=True) creates them all.")
def mkdir_one_level(model, path):
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.exists(parent):
        os.mkdir(parent)
    _atomic(model, path, makedirs=False)
