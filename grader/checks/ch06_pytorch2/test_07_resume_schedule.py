"""load_training_state: a run with a warm-up-and-cosine LambdaLR (or a ReduceLROnPlateau)
is checkpointed with the given save_training_state, resumed by the learner's loader into fresh
objects (after the RNG moved on), and trained on: the learning rates and weights must equal an
uninterrupted run exactly, and the saved epoch must come back. A checkpoint that would run code
while unpickled must be refused."""

import math
import os
import tempfile

import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn

from grader.mistakes import mistake


def _factor(step, warmup=3, total=12):
    if step < warmup:
        return step / warmup
    return 0.5 * (1 + math.cos(math.pi * min(1.0, (step - warmup) / (total - warmup))))


def _setup(seed, kind):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(4, 6), nn.ReLU(), nn.Linear(6, 3))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.9)
    if kind == "warmup_cosine":
        scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, _factor)
    else:
        scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor=0.5,
                                                               patience=0)
    return model, optimizer, scheduler


def _train(model, optimizer, scheduler, batches, lrs):
    for x, y in batches:
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
        if isinstance(scheduler, torch.optim.lr_scheduler.ReduceLROnPlateau):
            scheduler.step(-len(lrs) % 3)  # a loss that stalls: improves every third step only
        else:
            scheduler.step()


def _save(path, model, optimizer, scheduler, epoch):
    torch.save({"epoch": epoch, "model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict()}, path)


def resume_probe(load_training_state, root, scheduler, steps, epoch, seed):
    g = torch.Generator().manual_seed(seed)
    batches = [(torch.randn(4, 4, generator=g), torch.randint(0, 3, (4,), generator=g))
               for _ in range(2 * steps)]
    path = os.path.join(tempfile.mkdtemp(dir=root), "last.pt")
    lrs = []
    model, optimizer, sched = _setup(seed, scheduler)
    _train(model, optimizer, sched, batches[:steps], lrs)
    _save(path, model, optimizer, sched, epoch)
    torch.manual_seed(12345)
    model, optimizer, sched = _setup(seed + 1, scheduler)
    returned = load_training_state(path, model, optimizer, sched)
    _train(model, optimizer, sched, batches[steps:], lrs)
    resumed = [p.detach().clone() for p in model.parameters()]
    straight = []
    model, optimizer, sched = _setup(seed, scheduler)
    _train(model, optimizer, sched, batches, straight)
    same = all(torch.equal(a, b) for a, b in zip(resumed, model.parameters()))
    return {"epoch returned": returned, "lrs equal an uninterrupted run's": lrs == straight,
            "weights equal an uninterrupted run's": same, "lr at each step": lrs,
            "weights after resumed training": resumed}


class _Payload:
    """Unpickling this calls os.makedirs(marker): a harmless stand-in for an attack."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.makedirs, (self.marker,))


def trap_probe(load_training_state, root):
    folder = tempfile.mkdtemp(dir=root)
    path, marker = os.path.join(folder, "evil.pt"), os.path.join(folder, "PWNED")
    model, optimizer, sched = _setup(0, "warmup_cosine")
    torch.save({"epoch": 1, "model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "scheduler": sched.state_dict(), "extra": _Payload(marker)}, path)
    try:
        load_training_state(path, model, optimizer, sched)
    except Exception as exc:  # noqa: BLE001 - refusing is the point
        if isinstance(exc, NotImplementedError) and str(exc) == "load_training_state":
            raise
    return {"malicious_code_ran": os.path.exists(marker)}


NOTES = {"result['lrs equal": "restore the scheduler too: scheduler.load_state_dict("
                              "state[\"scheduler\"]), or the schedule starts again from step 0",
         "result['weights equal": "restore the model and the optimizer (momentum) from the file"}


def test_load_training_state(kata):
    root = str(kata.tmp_path)
    kata.compare("load_training_state", st.fixed_dictionaries({
        "root": st.just(root), "scheduler": st.sampled_from(["warmup_cosine", "plateau"]),
        "steps": st.integers(1, 6), "epoch": st.integers(0, 30), "seed": st.integers(0, 99)}),
        probe=resume_probe, max_examples=2, exact=True, notes=NOTES,
        examples=[{"root": root, "scheduler": "warmup_cosine", "steps": 2, "epoch": 3, "seed": 0},
                  {"root": root, "scheduler": "plateau", "steps": 4, "epoch": 7, "seed": 1}])
    kata.compare("load_training_state", {"root": root}, probe=trap_probe,
                 notes={"result['malicious_code_ran']": "the file's payload ran while loading: "
                                                        "load with weights_only=True"})


@mistake("load_training_state", diagnosis="The scheduler's state was not restored, so the "
         "schedule started again from step 0 (the warm-up again, on trained weights): call "
         "scheduler.load_state_dict(state[\"scheduler\"]).")
def forgets_scheduler(path, model, optimizer, scheduler):
    state = torch.load(path, weights_only=True)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    return state["epoch"]


@mistake("load_training_state", diagnosis="The optimizer's state was not restored: call "
         "optimizer.load_state_dict(state[\"optimizer\"]) (momentum buffers, and the lr the "
         "schedule had reached).")
def forgets_optimizer(path, model, optimizer, scheduler):
    state = torch.load(path, weights_only=True)
    model.load_state_dict(state["model"])
    scheduler.load_state_dict(state["scheduler"])
    return state["epoch"]


@mistake("load_training_state")  # right for a LambdaLR; a plateau scheduler forgets its memory
def sets_last_epoch(path, model, optimizer, scheduler):
    state = torch.load(path, weights_only=True)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.last_epoch = state["scheduler"]["last_epoch"]
    return state["epoch"]


@mistake("load_training_state", diagnosis="Return the saved epoch (state[\"epoch\"]) so the "
         "caller knows where to continue.")
def returns_nothing(path, model, optimizer, scheduler):
    state = torch.load(path, weights_only=True)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])


@mistake("load_training_state", diagnosis="weights_only=False unpickles anything, so a crafted "
         "checkpoint runs its code while loading. Model, optimizer and scheduler states load "
         "with weights_only=True (the default since PyTorch 2.6).")
def trusts_the_file(path, model, optimizer, scheduler):
    state = torch.load(path, weights_only=False)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    return state["epoch"]


@mistake("load_training_state", diagnosis="Return the epoch the checkpoint saved, as it is: the "
         "caller continues with epoch + 1 (returning epoch + 1 here, as Keras' initial_epoch "
         "would want, skips an epoch).")
def returns_next_epoch(path, model, optimizer, scheduler):
    checkpoint = torch.load(path, weights_only=True)
    model.load_state_dict(checkpoint['model'])
    optimizer.load_state_dict(checkpoint['optimizer'])
    scheduler.load_state_dict(checkpoint['scheduler'])
    return checkpoint['epoch'] + 1


@mistake("load_training_state", diagnosis="scheduler.load_state_dict already puts the schedule "
         "back where it was, learning rate included: an extra scheduler.step() after loading "
         "moves it one step ahead.")
def steps_after_loading(path, model, optimizer, scheduler):
    checkpoint = torch.load(path, weights_only=True)
    model.load_state_dict(checkpoint['model'])
    optimizer.load_state_dict(checkpoint['optimizer'])
    scheduler.load_state_dict(checkpoint['scheduler'])
    scheduler.step()
    return checkpoint['epoch']


@mistake("load_training_state", diagnosis="Setting scheduler.last_epoch by hand restores only a "
         "step counter, and the epoch is not the number of scheduler steps taken: load the "
         "scheduler's whole state, scheduler.load_state_dict(state[\"scheduler\"]).")
def last_epoch_from_epoch(path, model, optimizer, scheduler):
    checkpoint = torch.load(path, weights_only=True)
    model.load_state_dict(checkpoint['model'])
    optimizer.load_state_dict(checkpoint['optimizer'])
    scheduler.last_epoch = checkpoint['epoch']
    return checkpoint['epoch']
