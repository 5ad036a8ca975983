"""save_resume_checkpoint / load_resume_checkpoint: training resumed from the checkpoint (into a
fresh model and optimizer, after the RNG moved on) equals uninterrupted training exactly.
Each stub is graded against the grader's own correct half, so one mistake cannot hide another.
The CUDA RNG state is graded on CPU with a pretended GPU (``_helpers.fake_cuda_rng``): saved
when CUDA is there, restored only when it was saved and CUDA is there; a loader must refuse a
checkpoint that would run code while unpickled."""

import os
import tempfile

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from grader.checks.ch05_cifar10_gpu import _helpers
from grader.mistakes import mistake

KEYS = ("epoch", "model", "optimizer", "rng_state")


def _train(model, optimizer, images, labels, steps):
    model.train()
    for i in range(steps):
        optimizer.zero_grad()
        F.cross_entropy(model(images[4 * i:4 * i + 4]), labels[4 * i:4 * i + 4]).backward()
        optimizer.step()


def _setup(seed):
    model = _helpers.tiny_net(seed)  # dropout: the RNG state matters
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    return model, optimizer


def _checkpoint(model, optimizer, epoch):
    """What the reference saves on a machine without CUDA."""
    return {"epoch": epoch, "model": model.state_dict(), "optimizer": optimizer.state_dict(),
            "rng_state": torch.get_rng_state()}


def _good_save(path, model, optimizer, epoch):
    torch.save(_checkpoint(model, optimizer, epoch), path)


def _good_load(path, model, optimizer):
    state = torch.load(path, weights_only=True)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    torch.set_rng_state(state["rng_state"])
    return state["epoch"]


def resume_with(save, load, root, steps, epoch, seed):
    """Train, checkpoint, scramble the RNG, resume into fresh objects, train on; compare."""
    images, labels = _helpers.tiny_data(8 * steps, seed)
    path = os.path.join(tempfile.mkdtemp(dir=root), "last.pt")
    model, optimizer = _setup(seed)
    _train(model, optimizer, images[:4 * steps], labels[:4 * steps], steps)
    save(path, model, optimizer, epoch)
    torch.manual_seed(12345)
    model, optimizer = _setup(seed + 1)
    returned = load(path, model, optimizer)
    _train(model, optimizer, images[4 * steps:], labels[4 * steps:], steps)
    resumed = _helpers.params(model)
    model, optimizer = _setup(seed)
    _train(model, optimizer, images, labels, 2 * steps)  # the same run, never interrupted
    same = all(torch.equal(a, b) for a, b in zip(resumed, _helpers.params(model)))
    return {"epoch": returned, "resumed_equals_uninterrupted_training": same,
            "weights_after_resumed_training": resumed}


def check_saver(target, root, steps, epoch, seed):
    return resume_with(target, _good_load_or_report, root, steps, epoch, seed)


def _good_load_or_report(path, model, optimizer):
    try:
        state = torch.load(path, weights_only=True)
    except Exception as exc:  # noqa: BLE001 - reported as data
        return f"torch.load(path, weights_only=True) failed: {type(exc).__name__}"
    missing = [k for k in KEYS if k not in state]
    if missing:
        return f"the checkpoint has no {missing} key(s); it has {sorted(state)}"
    return _good_load(path, model, optimizer)


def check_loader(target, root, steps, epoch, seed):
    return resume_with(_good_save, lambda p, m, o: target(p, m, o, torch.device("cpu")),
                       root, steps, epoch, seed)


def _inputs(root):
    return st.fixed_dictionaries({"root": st.just(root), "steps": st.integers(1, 3),
                                  "epoch": st.integers(0, 20), "seed": st.integers(0, 99)})


def save_with_cuda(target, root, cuda):
    """Save under a pretended GPU (or none): the CUDA RNG state must be in the file with CUDA."""
    path = os.path.join(tempfile.mkdtemp(dir=root), "last.pt")
    model, optimizer = _setup(0)
    with _helpers.fake_cuda_rng(cuda):
        target(path, model, optimizer, 1)
    state = torch.load(path, weights_only=True)
    # Without CUDA, torch.cuda.get_rng_state_all() is [] and saving it does no harm: not graded.
    return {"cuda_rng_state": state.get("cuda_rng_state") if cuda else "not graded without CUDA"}


def load_with_cuda(target, root, cuda, saved_on_gpu):
    """Load a checkpoint saved with (or without) a CUDA RNG state, CUDA pretended (or not)."""
    path = os.path.join(tempfile.mkdtemp(dir=root), "last.pt")
    model, optimizer = _setup(0)
    state = _checkpoint(model, optimizer, 1)
    if saved_on_gpu:
        state["cuda_rng_state"] = [_helpers.FAKE_CUDA_RNG_STATE]
    torch.save(state, path)
    with _helpers.fake_cuda_rng(cuda) as restored:
        target(path, model, optimizer, torch.device("cpu"))
    # Without CUDA, torch.cuda.set_rng_state_all does nothing: not graded.
    return {"set_rng_state_all calls": restored if cuda else "not graded without CUDA"}


def load_trap(target, root):
    model, optimizer = _setup(0)
    return _helpers.load_booby_trapped(
        lambda path: target(path, model, optimizer, torch.device("cpu")), root,
        _checkpoint(model, optimizer, 1), "load_resume_checkpoint")


NOTES = {"result['resumed_equals": "resumed training must equal uninterrupted training: restore "
                                  "the weights, the optimizer state and the RNG state"}


def test_save_resume_checkpoint(kata):
    root = str(kata.tmp_path)
    kata.compare("save_resume_checkpoint", _inputs(root), probe=check_saver, max_examples=3,
                 exact=True, notes=NOTES,
                 examples=[{"root": root, "steps": 2, "epoch": 3, "seed": 0}])


def test_save_resume_checkpoint__cuda_rng(kata):
    root = str(kata.tmp_path)
    kata.compare("save_resume_checkpoint", st.fixed_dictionaries(
                     {"root": st.just(root), "cuda": st.booleans()}),
                 probe=save_with_cuda, exact=True, max_examples=1,
                 examples=[{"root": root, "cuda": True}],
                 notes={"result['cuda_rng_state']": "with CUDA, also save "
                        "torch.cuda.get_rng_state_all() under \"cuda_rng_state\""})


def test_load_resume_checkpoint(kata):
    root = str(kata.tmp_path)
    kata.compare("load_resume_checkpoint", _inputs(root), probe=check_loader, max_examples=3,
                 exact=True, notes=NOTES,
                 examples=[{"root": root, "steps": 2, "epoch": 3, "seed": 0}])


def test_load_resume_checkpoint__cuda_rng(kata):
    root = str(kata.tmp_path)
    kata.compare("load_resume_checkpoint", st.fixed_dictionaries(
                     {"root": st.just(root), "cuda": st.booleans(),
                      "saved_on_gpu": st.booleans()}),
                 probe=load_with_cuda, exact=True, max_examples=1,
                 examples=[{"root": root, "cuda": True, "saved_on_gpu": True},
                           {"root": root, "cuda": True, "saved_on_gpu": False}],
                 notes={"result['set_rng_state_all": "restore the CUDA RNG state with "
                        "torch.cuda.set_rng_state_all(...) only when the checkpoint has one and "
                        "CUDA is available"})
    kata.compare("load_resume_checkpoint", {"root": root}, probe=load_trap,
                 notes={"result['malicious_code_ran']": "the file's payload ran while loading: "
                                                        "load with weights_only=True"})


@mistake("save_resume_checkpoint", diagnosis="The optimizer's state is missing: save "
         "optimizer.state_dict() under \"optimizer\" (SGD's momentum buffers, Adam's moments), or "
         "the resumed run takes different steps.")
def saves_without_optimizer(path, model, optimizer, epoch):
    state = {"epoch": epoch, "model": model.state_dict(), "rng_state": torch.get_rng_state()}
    if torch.cuda.is_available():
        state["cuda_rng_state"] = torch.cuda.get_rng_state_all()
    torch.save(state, path)


@mistake("save_resume_checkpoint", diagnosis="The RNG state is missing: save torch.get_rng_state() "
         "under \"rng_state\", or dropout masks (and shuffling) after the resume differ from an "
         "uninterrupted run.")
def saves_without_rng(path, model, optimizer, epoch):
    state = {"epoch": epoch, "model": model.state_dict(), "optimizer": optimizer.state_dict()}
    if torch.cuda.is_available():
        state["cuda_rng_state"] = torch.cuda.get_rng_state_all()
    torch.save(state, path)


@mistake("load_resume_checkpoint", diagnosis="The optimizer state is not restored: call "
         "optimizer.load_state_dict(state[\"optimizer\"]), or momentum restarts from zero.")
def loads_without_optimizer(path, model, optimizer, device):
    state = torch.load(path, map_location=device, weights_only=True)
    model.load_state_dict(state["model"])
    torch.set_rng_state(state["rng_state"])
    if "cuda_rng_state" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda_rng_state"])
    return state["epoch"]


@mistake("load_resume_checkpoint", diagnosis="The RNG state is not restored: call "
         "torch.set_rng_state(state[\"rng_state\"].cpu()), or the dropout masks differ from an "
         "uninterrupted run.")
def loads_without_rng(path, model, optimizer, device):
    state = torch.load(path, map_location=device, weights_only=True)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    if "cuda_rng_state" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda_rng_state"])
    return state["epoch"]


@mistake("load_resume_checkpoint", diagnosis="Return the saved epoch (state[\"epoch\"]) so the "
         "caller knows where to continue.")
def returns_nothing(path, model, optimizer, device):
    state = torch.load(path, map_location=device, weights_only=True)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    torch.set_rng_state(state["rng_state"])
    if "cuda_rng_state" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda_rng_state"])


@mistake("save_resume_checkpoint", diagnosis="With CUDA, the GPU's random generators have their "
         "own state: also save torch.cuda.get_rng_state_all() under \"cuda_rng_state\" when "
         "torch.cuda.is_available(), or a resumed GPU run draws different dropout masks.")
def saves_without_cuda_rng(path, model, optimizer, epoch):
    torch.save({"epoch": epoch, "model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "rng_state": torch.get_rng_state()}, path)


@mistake("load_resume_checkpoint", diagnosis="A checkpoint saved on a machine without CUDA has no "
         "\"cuda_rng_state\": restore it only when it is there (\"cuda_rng_state\" in state) "
         "and CUDA is available.")
def assumes_cuda_rng_saved(path, model, optimizer, device):
    state = torch.load(path, map_location=device, weights_only=True)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    torch.set_rng_state(state["rng_state"].cpu())
    if torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda_rng_state"])
    return state["epoch"]


@mistake("load_resume_checkpoint", diagnosis="The CUDA RNG state is saved but never restored: call "
         "torch.cuda.set_rng_state_all(state[\"cuda_rng_state\"]) when it is there and CUDA "
         "is available.")
def ignores_cuda_rng(path, model, optimizer, device):
    state = torch.load(path, map_location=device, weights_only=True)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    torch.set_rng_state(state["rng_state"].cpu())
    return state["epoch"]


@mistake("load_resume_checkpoint", diagnosis="weights_only=False unpickles anything, so a crafted "
         "checkpoint runs its code while loading. Model, optimizer and RNG states load with "
         "weights_only=True (the default since PyTorch 2.6).")
def trusts_the_checkpoint(path, model, optimizer, device):
    state = torch.load(path, map_location=device, weights_only=False)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    torch.set_rng_state(state["rng_state"].cpu())
    if "cuda_rng_state" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda_rng_state"])
    return state["epoch"]
