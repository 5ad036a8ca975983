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

from grader.checks._patch import namespaces_of
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
    """train, save_resume_checkpoint, resume into fresh objects, train on: as if never stopped?"""
    return resume_with(target, _good_load_or_report, root, steps, epoch, seed)


def _good_load_or_report(path, model, optimizer):
    try:
        state = torch.load(path, weights_only=True)
    except Exception as exc:  # noqa: BLE001 - reported as data
        return _refused(path, exc)
    missing = [k for k in KEYS if k not in state]
    if missing:
        return f"the checkpoint has no {missing} key(s); it has {sorted(state)}"
    return _good_load(path, model, optimizer)


def _refused(path, error):
    """What a checkpoint torch.load(weights_only=True) refuses holds (read, never unpickled)."""
    return (f"torch.load(path, weights_only=True) failed ({type(error).__name__}): the file "
            f"holds {_helpers.describe_file(path)}")


def check_loader(target, root, steps, epoch, seed):
    """train, save, load_resume_checkpoint into fresh objects, train on: as if never stopped?"""
    return resume_with(_good_save, lambda p, m, o: target(p, m, o, torch.device("cpu")),
                       root, steps, epoch, seed)


def _inputs(root):
    return st.fixed_dictionaries({"root": st.just(root), "steps": st.integers(1, 3),
                                  "epoch": st.integers(0, 20), "seed": st.integers(0, 99)})


def save_with_cuda(target, root, cuda):
    """save_resume_checkpoint with one GPU pretended (or none): is the CUDA RNG state saved?"""
    path = os.path.join(tempfile.mkdtemp(dir=root), "last.pt")
    model, optimizer = _setup(0)
    with _helpers.fake_cuda_rng(cuda, reaching=namespaces_of(target)):
        target(path, model, optimizer, 1)
    try:
        state = torch.load(path, weights_only=True)
    except Exception as exc:  # noqa: BLE001 - reported as data
        return _refused(path, exc)
    if not isinstance(state, dict):
        return f"the checkpoint is a {type(state).__name__}, not a dict"
    # Without CUDA, torch.cuda.get_rng_state_all() is [] and saving it does no harm: not graded.
    if not cuda:
        return {"cuda_rng_state": "not graded without CUDA"}
    return {"cuda_rng_state": state.get("cuda_rng_state"),
            "the checkpoint's keys (of the spec's)": sorted(k for k in state
                                                         if k in (*KEYS, "cuda_rng_state"))}


def load_with_cuda(target, root, cuda, saved_on_gpu):
    """load_resume_checkpoint of a file with (or without) a CUDA RNG state, one GPU pretended"""
    path = os.path.join(tempfile.mkdtemp(dir=root), "last.pt")
    model, optimizer = _setup(0)
    state = _checkpoint(model, optimizer, 1)
    if saved_on_gpu:
        state["cuda_rng_state"] = [_helpers.FAKE_CUDA_RNG_STATE]
    torch.save(state, path)
    with _helpers.fake_cuda_rng(cuda, reaching=namespaces_of(target)) as restored:
        target(path, model, optimizer, torch.device("cpu"))
    # Without CUDA, torch.cuda.set_rng_state_all does nothing: not graded.
    return {"CUDA RNG states restored, by GPU": restored if cuda else "not graded without CUDA"}


def resume_on_a_pretended_gpu(target, root):
    """load_resume_checkpoint(path, model, optimizer, torch.device("cuda")), a GPU pretended"""
    path = os.path.join(tempfile.mkdtemp(dir=root), "last.pt")
    images, labels = _helpers.tiny_data(4, 0)
    model, optimizer = _setup(0)
    _train(model, optimizer, images, labels, 1)
    _helpers.save_as_if_from_gpu(_checkpoint(model, optimizer, 2), path)
    saved = torch.get_rng_state()
    weights = _helpers.params(model)
    torch.manual_seed(12345)
    model, optimizer = _setup(1)
    with _helpers.pretended_gpu(model, optimizer, target) as events:
        try:
            epoch, error = target(path, model, optimizer, torch.device("cuda")), None
        except Exception as exc:  # noqa: BLE001 - what failed is the fact
            epoch, error = None, f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
    moved = events.index("model.to(cuda)") if "model.to(cuda)" in events else None
    loaded = (events.index("optimizer.load_state_dict") if "optimizer.load_state_dict" in events
              else None)
    order = ("the model was never moved" if moved is None else
             "the optimizer state was never loaded" if loaded is None else
             "model.to(device) first" if moved < loaded else
             "optimizer.load_state_dict first")
    return {"error": error, "epoch": epoch, "order": order,
            "RNG state restored": torch.equal(torch.get_rng_state(), saved),
            "weights restored": all(torch.equal(a, b)
                                    for a, b in zip(weights, _helpers.params(model)))}


def load_trap(target, root):
    """load_resume_checkpoint of a file that runs code while unpickled"""
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
    kata.compare("load_resume_checkpoint", {"root": root}, probe=resume_on_a_pretended_gpu,
                 notes={"result['error']": "load with map_location=device; the RNG state must "
                                           "be a CPU tensor: torch.set_rng_state(state["
                                           "\"rng_state\"].cpu())",
                        "result['order']": "model.to(device) before optimizer.load_state_dict: "
                                           "it moves the optimizer's state next to the "
                                           "parameters"})
    kata.compare("load_resume_checkpoint", {"root": root}, probe=load_trap,
                 notes={"result['malicious_code_ran']": "the file's payload ran while loading: "
                                                        "load with weights_only=True"})


def test_load_resume_checkpoint__cuda_rng(kata):
    root = str(kata.tmp_path)
    kata.compare("load_resume_checkpoint", st.fixed_dictionaries(
                     {"root": st.just(root), "cuda": st.booleans(),
                      "saved_on_gpu": st.booleans()}),
                 probe=load_with_cuda, exact=True, max_examples=1,
                 examples=[{"root": root, "cuda": True, "saved_on_gpu": True},
                           {"root": root, "cuda": True, "saved_on_gpu": False}],
                 notes={"result['CUDA RNG": "restore the CUDA RNG state with "
                        "torch.cuda.set_rng_state_all(...) only when the checkpoint has one and "
                        "CUDA is available"})


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
    return _load(path, model, optimizer, device, optimizer_state=False)


@mistake("load_resume_checkpoint", diagnosis="The RNG state is not restored: call "
         "torch.set_rng_state(state[\"rng_state\"].cpu()), or the dropout masks differ from an "
         "uninterrupted run.")
def loads_without_rng(path, model, optimizer, device):
    return _load(path, model, optimizer, device, cpu_rng=None)


@mistake("load_resume_checkpoint", diagnosis="Return the saved epoch (state[\"epoch\"]) so the "
         "caller knows where to continue.")
def returns_nothing(path, model, optimizer, device):
    _load(path, model, optimizer, device)


@mistake("save_resume_checkpoint", diagnosis="With CUDA, the GPU's random generators have their "
         "own state: also save torch.cuda.get_rng_state_all() under \"cuda_rng_state\" when "
         "torch.cuda.is_available(), or a resumed GPU run draws different dropout masks.")
def saves_without_cuda_rng(path, model, optimizer, epoch):
    torch.save({"epoch": epoch, "model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "rng_state": torch.get_rng_state()}, path)


# Checks torch.cuda.is_available() but not the key: where CUDA is pretended, the same KeyError as
# restores_cuda_rng_unconditionally, whose diagnosis describes both.
@mistake("load_resume_checkpoint", covered_by="restores_cuda_rng_unconditionally")
def assumes_cuda_rng_saved(path, model, optimizer, device):
    return _load(path, model, optimizer, device, cuda="if available")


@mistake("load_resume_checkpoint", diagnosis="The CUDA RNG state is saved but never restored: call "
         "torch.cuda.set_rng_state_all(state[\"cuda_rng_state\"]) when it is there and CUDA "
         "is available.")
def ignores_cuda_rng(path, model, optimizer, device):
    return _load(path, model, optimizer, device, cuda="never")


@mistake("load_resume_checkpoint", diagnosis="weights_only=False unpickles anything, so a crafted "
         "checkpoint runs its code while loading. Model, optimizer and RNG states load with "
         "weights_only=True (the default since PyTorch 2.6).")
def trusts_the_checkpoint(path, model, optimizer, device):
    return _load(path, model, optimizer, device, weights_only=False)


def _save(path, net, opt, epoch, **changes):
    """The reference's checkpoint, some entries changed (None: left out)."""
    state = {"epoch": epoch, "model": net.state_dict(), "optimizer": opt.state_dict(),
             "rng_state": torch.get_rng_state()}
    state.update(changes)
    if torch.cuda.is_available():
        state["cuda_rng_state"] = torch.cuda.get_rng_state_all()
    torch.save({k: v for k, v in state.items() if v is not None}, path)


@mistake("save_resume_checkpoint", diagnosis="Only the model's state_dict is saved: a resume "
         "also needs the epoch, the optimizer's state and the RNG state, in one dict "
         "{\"epoch\", \"model\", \"optimizer\", \"rng_state\"}.")
def saves_only_the_weights(path, model, optimizer, epoch):
    torch.save(model.state_dict(), path)


@mistake("save_resume_checkpoint", diagnosis="The model and optimizer objects are pickled "
         "whole, which torch.load(weights_only=True) refuses: save their state_dict()s.")
def saves_the_objects(path, model, optimizer, epoch):
    _save(path, model, optimizer, epoch, model=model, optimizer=optimizer)


@mistake("save_resume_checkpoint", diagnosis="The keys are the tutorial recipe's "
         "(\"model_state_dict\", \"optimizer_state_dict\") and the RNG state is missing: "
         "the spec's keys are \"epoch\", \"model\", \"optimizer\", \"rng_state\".")
def recipe_keys(path, model, optimizer, epoch):
    torch.save({"epoch": epoch, "model_state_dict": model.state_dict(),
                "optimizer_state_dict": optimizer.state_dict()}, path)


@mistake("save_resume_checkpoint", diagnosis="epoch + 1 is saved; save the epoch as given (the "
         "caller adds 1 when it resumes, so one epoch would be skipped).")
def saves_the_next_epoch(path, model, optimizer, epoch):
    _save(path, model, optimizer, epoch + 1)


@mistake("save_resume_checkpoint", diagnosis="torch.initial_seed() is the seed the run started "
         "from, not where the generator is now: save torch.get_rng_state().")
def saves_the_seed(path, model, optimizer, epoch):
    _save(path, model, optimizer, epoch, rng_state=torch.initial_seed())


@mistake("save_resume_checkpoint", diagnosis="\"rng_state\" holds the CUDA generator's state "
         "(torch.cuda.get_rng_state()), which fails without a GPU and leaves the CPU generator "
         "out: save torch.get_rng_state(), and the CUDA states under \"cuda_rng_state\" when "
         "CUDA is available.")
def saves_the_cuda_rng_as_rng_state(path, model, optimizer, epoch):
    _save(path, model, optimizer, epoch, rng_state=torch.cuda.get_rng_state())


@mistake("save_resume_checkpoint", diagnosis="NumPy's RNG state (np.random.get_state()) is not "
         "torch's: dropout and shuffling draw from torch's generator, and the tuple it gives is "
         "refused by weights_only loading. Save torch.get_rng_state().")
def saves_numpy_rng_state(path, model, optimizer, epoch):
    import numpy as np

    _save(path, model, optimizer, epoch, rng_state=np.random.get_state())


def _load(path, model, optimizer, device, map_location="device", move_first=True, cpu_rng=True,
          cuda="if saved", result=lambda epoch: epoch, optimizer_state=True, weights_only=True):
    """The reference's steps, one of them changed (cpu_rng=None: the RNG state not restored;
    cuda: "if saved", "if available", "always" or "never")."""
    state = torch.load(path, map_location=device if map_location == "device" else None,
                       weights_only=weights_only)
    model.load_state_dict(state["model"])
    if move_first:
        model.to(device)
    if optimizer_state:
        optimizer.load_state_dict(state["optimizer"])
    if not move_first:
        model.to(device)
    if cpu_rng is not None:
        torch.set_rng_state(state["rng_state"].cpu() if cpu_rng else state["rng_state"])
    wanted = {"if saved": "cuda_rng_state" in state and torch.cuda.is_available(),
              "if available": torch.cuda.is_available(), "always": True, "never": False}
    if wanted[cuda]:
        torch.cuda.set_rng_state_all([s.cpu() for s in state["cuda_rng_state"]])
    return result(state["epoch"])


@mistake("load_resume_checkpoint", diagnosis="epoch + 1 is returned; return the saved epoch "
         "(the caller adds 1 itself: start = load_resume_checkpoint(...) + 1).")
def returns_the_next_epoch(path, model, optimizer, device):
    return _load(path, model, optimizer, device, result=lambda epoch: epoch + 1)


@mistake("load_resume_checkpoint", diagnosis="optimizer.load_state_dict runs before "
         "model.to(device): it puts the optimizer's state (momentum buffers) where the "
         "parameters are at that moment, the CPU, and the next step on the GPU fails. Move the "
         "model first.")
def optimizer_loaded_before_the_move(path, model, optimizer, device):
    return _load(path, model, optimizer, device, move_first=False)


@mistake("load_resume_checkpoint", diagnosis="torch.set_rng_state got the RNG state where "
         "map_location put it, on the GPU; it takes a CPU ByteTensor: "
         "torch.set_rng_state(state[\"rng_state\"].cpu()).")
def rng_state_left_on_the_device(path, model, optimizer, device):
    return _load(path, model, optimizer, device, cpu_rng=False)


@mistake("load_resume_checkpoint", diagnosis="torch.load without map_location puts every tensor "
         "back on the device it was saved from, which fails on a machine without that GPU: "
         "pass map_location=device.")
def no_map_location(path, model, optimizer, device):
    return _load(path, model, optimizer, device, map_location=None)


@mistake("load_resume_checkpoint", diagnosis="state[\"cuda_rng_state\"] is restored without "
         "checking that the checkpoint has one, but a checkpoint saved on a machine without "
         "CUDA has no such key (KeyError): restore it only when \"cuda_rng_state\" in state "
         "and CUDA is available.")
def restores_cuda_rng_unconditionally(path, model, optimizer, device):
    return _load(path, model, optimizer, device, cuda="always")
