"""Realistic learner answers for exercises/05_cifar10_gpu/06_save_weights.py (save_for_inference)."""
import os
import tempfile
from pathlib import Path

import torch
from torch import nn


# ---------------------------------------------------------------------------------------------
# right answers
# ---------------------------------------------------------------------------------------------

def right__save_for_inference__fdopen(model: nn.Module, path: str) -> None:
    """alternative | writes through os.fdopen on mkstemp's descriptor; parent taken from the absolute path (so a bare file name works); removes the temp file on any exception"""
    parent = os.path.dirname(os.path.abspath(path))
    os.makedirs(parent, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            torch.save(model.state_dict(), f)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def right__save_for_inference__named_temporary_file(model: nn.Module, path: str) -> None:
    """alternative | tempfile.NamedTemporaryFile(dir=parent, delete=False) instead of mkstemp, `dirname(path) or "."` for a bare file name"""
    parent = os.path.dirname(path) or "."
    os.makedirs(parent, exist_ok=True)
    state = model.state_dict()
    with tempfile.NamedTemporaryFile(dir=parent, prefix=".saving-", delete=False) as tmp:
        tmp_name = tmp.name
        try:
            torch.save(state, tmp)
        except Exception:
            tmp.close()
            os.unlink(tmp_name)
            raise
    os.replace(tmp_name, path)


def right__save_for_inference__pathlib_flag(model: nn.Module, path: str) -> None:
    """alternative | pathlib for the folder, closes mkstemp's descriptor and saves by name, cleans up in a finally guarded by a success flag"""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=str(target.parent))
    os.close(fd)
    done = False
    try:
        torch.save(model.state_dict(), tmp_name)
        os.replace(tmp_name, target)
        done = True
    finally:
        if not done:
            try:
                os.unlink(tmp_name)
            except FileNotFoundError:
                pass


# ---------------------------------------------------------------------------------------------
# wrong answers
# ---------------------------------------------------------------------------------------------

def wrong__save_for_inference__pickles_whole_model(model: nn.Module, path: str) -> None:
    """beginner | torch.save(model, ...) pickles the module object, not its state_dict: torch.load(path, weights_only=True) refuses the file and it breaks when the class moves | differs when: any model, e.g. nn.Linear(2, 2): loading the file with weights_only=True raises UnpicklingError instead of returning a dict of tensors"""
    parent = os.path.dirname(os.path.abspath(path))
    os.makedirs(parent, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=parent)
    try:
        with os.fdopen(fd, "wb") as f:
            torch.save(model, f)
        os.replace(tmp, path)
    except BaseException:
        os.remove(tmp)
        raise


def wrong__save_for_inference__makedirs_empty_parent(model: nn.Module, path: str) -> None:
    """subtle | os.makedirs(os.path.dirname(path)) raises FileNotFoundError when path has no folder part (dirname is "") | differs when: path="baseline.pt" (relative, in the current directory)"""
    parent = os.path.dirname(path)
    os.makedirs(parent, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=parent)
    try:
        with os.fdopen(fd, "wb") as f:
            torch.save(model.state_dict(), f)
        os.replace(tmp, path)
    except BaseException:
        os.remove(tmp)
        raise


def wrong__save_for_inference__temp_in_system_dir(model: nn.Module, path: str) -> None:
    """subtle | tempfile.mkstemp() without dir= puts the temp file in /tmp: os.replace across file systems fails (EXDEV), and a crash leaves junk in /tmp | differs when: path on another file system than tempfile.gettempdir(), e.g. path="/dev/shm/ckpt/m.pt" with /tmp on disk: OSError [Errno 18] "Invalid cross-device link" instead of a saved file"""
    parent = os.path.dirname(os.path.abspath(path))
    os.makedirs(parent, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".pt")
    try:
        with os.fdopen(fd, "wb") as f:
            torch.save(model.state_dict(), f)
        os.replace(tmp, path)
    except BaseException:
        os.remove(tmp)
        raise


def wrong__save_for_inference__no_cleanup_on_error(model: nn.Module, path: str) -> None:
    """subtle | no try/except around the save: when torch.save fails the half-written temp file stays in the folder | differs when: saving fails (e.g. a module whose get_extra_state returns a lambda): the AttributeError propagates but a tmpXXXX file is left next to path"""
    parent = os.path.dirname(os.path.abspath(path))
    os.makedirs(parent, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=parent)
    with os.fdopen(fd, "wb") as f:
        torch.save(model.state_dict(), f)
    os.replace(tmp, path)


def wrong__save_for_inference__leaks_descriptor(model: nn.Module, path: str) -> None:
    """subtle | ignores the descriptor mkstemp returns (`_, tmp = tempfile.mkstemp(...)`) and saves by name: one open file handle is leaked per call | differs when: any call: the number of entries in /proc/self/fd grows by one (and on Windows os.replace fails because the file is still open)"""
    parent = os.path.dirname(os.path.abspath(path))
    os.makedirs(parent, exist_ok=True)
    _, tmp = tempfile.mkstemp(dir=parent)
    try:
        torch.save(model.state_dict(), tmp)
        os.replace(tmp, path)
    except BaseException:
        os.remove(tmp)
        raise


def wrong__save_for_inference__direct_save(model: nn.Module, path: str) -> None:
    """beginner | torch.save straight onto path (the tutorial one-liner): not atomic, a failure mid-save truncates the previous checkpoint | differs when: path already holds a checkpoint and saving fails (a module whose get_extra_state returns a lambda): the old file is overwritten with a broken one instead of left untouched"""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    torch.save(model.state_dict(), path)


def wrong__save_for_inference__swallows_error(model: nn.Module, path: str) -> None:
    """subtle | catches the exception to clean up but never re-raises: a failed save looks like a success | differs when: saving fails (a module whose get_extra_state returns a lambda): returns None silently instead of raising AttributeError"""
    parent = os.path.dirname(os.path.abspath(path))
    os.makedirs(parent, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=parent)
    try:
        with os.fdopen(fd, "wb") as f:
            torch.save(model.state_dict(), f)
        os.replace(tmp, path)
    except Exception as exc:
        print(f"could not save {path}: {exc}")
        os.remove(tmp)


def wrong__save_for_inference__numpy_weights(model: nn.Module, path: str) -> None:
    """tf-habit | saves {name: array} like Keras' get_weights(): NumPy arrays instead of tensors, which torch.load(weights_only=True) refuses and load_state_dict cannot take | differs when: any model, e.g. nn.Linear(2, 2): torch.load(path, weights_only=True) raises instead of returning tensors"""
    parent = os.path.dirname(os.path.abspath(path))
    os.makedirs(parent, exist_ok=True)
    weights = {k: v.detach().cpu().numpy() for k, v in model.state_dict().items()}
    fd, tmp = tempfile.mkstemp(dir=parent)
    try:
        with os.fdopen(fd, "wb") as f:
            torch.save(weights, f)
        os.replace(tmp, path)
    except BaseException:
        os.remove(tmp)
        raise


def wrong__save_for_inference__parameters_only(model: nn.Module, path: str) -> None:
    """beginner | saves dict(model.named_parameters()) instead of the state_dict: buffers (BatchNorm running_mean/var, num_batches_tracked) are missing and the tensors keep requires_grad | differs when: a model with BatchNorm, e.g. nn.BatchNorm1d(3): the file lacks running_mean, running_var, num_batches_tracked"""
    parent = os.path.dirname(os.path.abspath(path))
    os.makedirs(parent, exist_ok=True)
    params = {name: p for name, p in model.named_parameters()}
    fd, tmp = tempfile.mkstemp(dir=parent)
    try:
        with os.fdopen(fd, "wb") as f:
            torch.save(params, f)
        os.replace(tmp, path)
    except BaseException:
        os.remove(tmp)
        raise


def wrong__save_for_inference__mkdir_one_level(model: nn.Module, path: str) -> None:
    """old-api | the old tutorial idiom `if not os.path.exists(d): os.mkdir(d)` creates only the last folder, not missing parents | differs when: path="runs/exp1/model.pt" with runs/ missing (FileNotFoundError instead of creating runs/exp1/)"""
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.exists(parent):
        os.mkdir(parent)
    fd, tmp = tempfile.mkstemp(dir=parent)
    try:
        with os.fdopen(fd, "wb") as f:
            torch.save(model.state_dict(), f)
        os.replace(tmp, path)
    except BaseException:
        os.remove(tmp)
        raise
