"""save_for_inference: a weights-only state_dict, parent folders created, and an atomic write: a
save that fails half-way leaves the previous file intact and no temporary file behind."""

import os
import tempfile

import torch
from hypothesis import strategies as st

from grader.checks.ch05_cifar10_gpu import _helpers
from grader.mistakes import mistake


def _read(path):
    try:
        return torch.load(path, weights_only=True)
    except Exception as exc:  # noqa: BLE001 - reported as data
        return f"could not be loaded with weights_only=True ({type(exc).__name__})"


def save_then_crash(target, root, depth, seed):
    """Save into new nested folders; then save again while torch.save fails half-way."""
    folder = tempfile.mkdtemp(dir=root)
    path = os.path.join(folder, *[f"d{i}" for i in range(depth)], "model.pt")
    model = _helpers.tiny_net(seed)
    try:
        target(model, path)
    except Exception as exc:  # noqa: BLE001 - the message would hold a random folder name
        return {"first_save_raised": _helpers.unless_todo(exc, "save_for_inference")}
    first = _read(path)
    listing = _files(path)
    original = torch.save

    def torn_write(obj, f, *args, **kwargs):
        if isinstance(f, (str, os.PathLike)):
            with open(f, "wb") as handle:
                handle.write(b"half a checkpoint")
        else:
            f.write(b"half a checkpoint")
        raise OSError("No space left on device")

    torch.save = torn_write
    try:
        target(_helpers.tiny_net(seed + 1), path)
        error = None
    except Exception as exc:  # noqa: BLE001
        error = _helpers.unless_todo(exc, "save_for_inference")
    finally:
        torch.save = original
    return {"saved": first, "files_in_folder": listing, "error_when_save_fails": error,
            "file_after_failed_save": _read(path),
            "files_after_failed_save": _files(path)}


def _files(path):
    """The folder's files; any file but the target counts as a (temporary) leftover."""
    return sorted(n if n == "model.pt" else "a leftover file"
                  for n in os.listdir(os.path.dirname(path)))


def test_save_for_inference(kata):
    kata.compare("save_for_inference",
                 st.fixed_dictionaries({"root": st.just(str(kata.tmp_path)),
                                        "depth": st.integers(0, 2), "seed": st.integers(0, 9)}),
                 probe=save_then_crash, max_examples=3,
                 examples=[{"root": str(kata.tmp_path), "depth": 2, "seed": 0}],
                 notes={"result['saved']": "save model.state_dict() (a dict of tensors)",
                        "result['file_after": "write to a temporary file and os.replace it onto "
                                              "the target, so a failed save leaves the old file",
                        "result['files_after": "remove the temporary file when the save fails"})


@mistake("save_for_inference", diagnosis="You pickled the whole model: torch.load(..., "
         "weights_only=True), the default since PyTorch 2.6, refuses it. Save "
         "model.state_dict() instead.")
def whole_model(model, path):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    torch.save(model, path)


@mistake("save_for_inference", diagnosis="The parent folder is not created: call "
         "os.makedirs(os.path.dirname(path), exist_ok=True) first.")
def no_makedirs(model, path):
    torch.save(model.state_dict(), path)


@mistake("save_for_inference", diagnosis="You write straight onto the target path, so a save that "
         "fails half-way destroys the previous checkpoint. Save to a temporary file in the same "
         "folder, then os.replace(tmp, path).")
def direct_write(model, path):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    torch.save(model.state_dict(), path)


@mistake("save_for_inference", diagnosis="After a failed save the temporary file is left behind: "
         "wrap torch.save and os.replace in try/except, os.remove(tmp) and re-raise.")
def leaves_temp_file(model, path):
    parent = os.path.dirname(os.path.abspath(path))
    os.makedirs(parent, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=parent)
    os.close(fd)
    torch.save(model.state_dict(), tmp)
    os.replace(tmp, path)
