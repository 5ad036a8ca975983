"""Realistic learner answers for exercises/05_cifar10_gpu/08_resume.py (save_resume_checkpoint, load_resume_checkpoint)."""
import numpy as np
import torch
from torch import nn


# =============================================================================================
# save_resume_checkpoint
# =============================================================================================

def right__save_resume_checkpoint__dict_constructor(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                                    epoch: int) -> None:
    """alternative | dict(...) constructor and the torch.random.get_rng_state alias; the CUDA states only when CUDA is available"""
    checkpoint = dict(
        epoch=epoch,
        model=model.state_dict(),
        optimizer=optimizer.state_dict(),
        rng_state=torch.random.get_rng_state(),
    )
    if torch.cuda.is_available():
        checkpoint["cuda_rng_state"] = torch.cuda.get_rng_state_all()
    torch.save(checkpoint, path)


def right__save_resume_checkpoint__file_object(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                               epoch: int) -> None:
    """alternative | fills the dict key by key and writes it through an open binary file"""
    state = {}
    state["epoch"] = epoch
    state["model"] = model.state_dict()
    state["optimizer"] = optimizer.state_dict()
    state["rng_state"] = torch.get_rng_state()
    if torch.cuda.is_available():
        state["cuda_rng_state"] = torch.cuda.get_rng_state_all()
    with open(path, "wb") as f:
        torch.save(state, f)


def right__save_resume_checkpoint__rng_first(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                             epoch: int) -> None:
    """alternative | takes the RNG snapshot first (nothing in between draws random numbers), dict literal with the CUDA key merged in by unpacking"""
    rng = torch.get_rng_state()
    extra = {"cuda_rng_state": torch.cuda.get_rng_state_all()} if torch.cuda.is_available() else {}
    torch.save({"epoch": epoch, "model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "rng_state": rng, **extra}, path)


def wrong__save_resume_checkpoint__weights_only(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                                epoch: int) -> None:
    """beginner | saves only model.state_dict(): no epoch, no optimizer state (momentum/Adam moments), no RNG state, so the run cannot resume exactly | differs when: any call (the file is the bare state_dict, without the "epoch"/"optimizer"/"rng_state" keys)"""
    torch.save(model.state_dict(), path)


def wrong__save_resume_checkpoint__objects_not_state_dicts(path: str, model: nn.Module,
                                                           optimizer: torch.optim.Optimizer, epoch: int) -> None:
    """beginner | stores the model and optimizer objects themselves: the file is a pickle of classes that torch.load(weights_only=True) refuses | differs when: any call (loading with weights_only=True raises UnpicklingError)"""
    torch.save({"epoch": epoch, "model": model, "optimizer": optimizer, "rng_state": torch.get_rng_state()}, path)


def wrong__save_resume_checkpoint__recipe_keys(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                               epoch: int) -> None:
    """examples | copies the "saving a general checkpoint" recipe: keys "model_state_dict"/"optimizer_state_dict" and no RNG state | differs when: any call (checkpoint["model"] raises KeyError; "rng_state" is missing)"""
    torch.save({
        "epoch": epoch,
        "model_state_dict": model.state_dict(),
        "optimizer_state_dict": optimizer.state_dict(),
    }, path)


def wrong__save_resume_checkpoint__next_epoch(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                              epoch: int) -> None:
    """subtle | stores epoch + 1 ("the epoch to start from"), but the loader's caller adds 1 itself, so one epoch is skipped on resume | differs when: epoch=3 (the file says 4)"""
    torch.save({"epoch": epoch + 1, "model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "rng_state": torch.get_rng_state()}, path)


def wrong__save_resume_checkpoint__saves_seed(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                              epoch: int) -> None:
    """subtle | saves torch.initial_seed() (the seed, an int) instead of the generator's current state: resuming replays the random stream from the start, not from where it stopped | differs when: any call (checkpoint["rng_state"] is an int, not the ByteTensor torch.get_rng_state() returns)"""
    torch.save({"epoch": epoch, "model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "rng_state": torch.initial_seed()}, path)


def wrong__save_resume_checkpoint__cuda_rng_only(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                                 epoch: int) -> None:
    """subtle | saves torch.cuda.get_rng_state() under "rng_state" ("we train on the GPU"): the CPU generator (shuffling, dropout on CPU) is not saved, and it crashes without CUDA | differs when: a CPU-only machine (RuntimeError from the CUDA lazy init instead of a saved file)"""
    torch.save({"epoch": epoch, "model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "rng_state": torch.cuda.get_rng_state()}, path)


def wrong__save_resume_checkpoint__numpy_rng(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                             epoch: int) -> None:
    """tf-habit | saves NumPy's global RNG state (what Keras' set_random_seed seeds) instead of torch's generator: torch's dropout/shuffling stream is not captured, and the tuple with an ndarray is refused by weights_only loading | differs when: any call (checkpoint["rng_state"] is np.random.get_state()'s tuple; torch.load(weights_only=True) raises)"""
    torch.save({"epoch": epoch, "model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "rng_state": np.random.get_state()}, path)


# =============================================================================================
# load_resume_checkpoint
# =============================================================================================

def right__load_resume_checkpoint__cpu_byte_tensor(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                                   device: torch.device) -> int:
    """alternative | moves the model first, converts the RNG state with .to("cpu", torch.uint8), torch.random.set_rng_state alias, int(epoch)"""
    model.to(device)
    ckpt = torch.load(path, map_location=device, weights_only=True)
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
    torch.random.set_rng_state(ckpt["rng_state"].to("cpu", torch.uint8))
    if "cuda_rng_state" in ckpt and torch.cuda.is_available():
        torch.cuda.set_rng_state_all([s.cpu() for s in ckpt["cuda_rng_state"]])
    return int(ckpt["epoch"])


def right__load_resume_checkpoint__file_object(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                               device: torch.device) -> int:
    """alternative | reads through an open file, loads the model weights before moving it, uses dict.get for the optional CUDA state"""
    with open(path, "rb") as f:
        checkpoint = torch.load(f, map_location=device, weights_only=True)
    model.load_state_dict(checkpoint["model"])
    model.to(device)
    optimizer.load_state_dict(checkpoint["optimizer"])
    torch.set_rng_state(checkpoint["rng_state"].cpu())
    cuda_states = checkpoint.get("cuda_rng_state")
    if cuda_states is not None and torch.cuda.is_available():
        torch.cuda.set_rng_state_all([s.cpu() for s in cuda_states])
    return checkpoint["epoch"]


def right__load_resume_checkpoint__unpacked(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                            device: torch.device) -> int:
    """alternative | unpacks the four entries up front and restores the RNG last, right before returning"""
    state = torch.load(path, map_location=device, weights_only=True)
    epoch, weights, opt_state, rng = state["epoch"], state["model"], state["optimizer"], state["rng_state"]
    model.to(device).load_state_dict(weights)
    optimizer.load_state_dict(opt_state)
    if torch.cuda.is_available() and "cuda_rng_state" in state:
        torch.cuda.set_rng_state_all([s.to("cpu") for s in state["cuda_rng_state"]])
    torch.set_rng_state(rng.to("cpu"))
    return epoch


def wrong__load_resume_checkpoint__rng_not_restored(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                                    device: torch.device) -> int:
    """beginner | restores model and optimizer but not the RNG: shuffling and dropout after resuming differ from the uninterrupted run | differs when: any checkpoint taken at RNG state S: torch.rand(3) right after the call does not match torch.rand(3) drawn at S"""
    ckpt = torch.load(path, map_location=device, weights_only=True)
    model.to(device)
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
    return ckpt["epoch"]


def wrong__load_resume_checkpoint__weights_like_keras(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                                      device: torch.device) -> int:
    """tf-habit | like Keras' model.load_weights: restores the weights (and RNG) but never calls optimizer.load_state_dict, so momentum buffers / Adam moments restart from zero | differs when: a checkpoint of SGD(momentum=0.9) after one step (optimizer.state_dict()["state"] stays empty)"""
    ckpt = torch.load(path, map_location=device, weights_only=True)
    model.to(device)
    model.load_state_dict(ckpt["model"])
    torch.set_rng_state(ckpt["rng_state"].cpu())
    return ckpt["epoch"]


def wrong__load_resume_checkpoint__returns_next_epoch(path: str, model: nn.Module,
                                                      optimizer: torch.optim.Optimizer,
                                                      device: torch.device) -> int:
    """beginner | returns epoch + 1 (the epoch to start at), but the docstring returns the saved epoch and the caller adds 1 | differs when: a checkpoint saved with epoch=3 (returns 4)"""
    ckpt = torch.load(path, map_location=device, weights_only=True)
    model.to(device)
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
    torch.set_rng_state(ckpt["rng_state"].cpu())
    return ckpt["epoch"] + 1


def wrong__load_resume_checkpoint__optimizer_before_move(path: str, model: nn.Module,
                                                         optimizer: torch.optim.Optimizer,
                                                         device: torch.device) -> int:
    """subtle | optimizer.load_state_dict before model.to(device): the optimizer casts its state to the parameters' device at load time, so the momentum buffers stay on the CPU | differs when: a CPU-built model with device=torch.device("cuda") and SGD(momentum=0.9) state (state on cpu, the next optimizer.step() fails with a device mismatch); identical on CPU"""
    ckpt = torch.load(path, map_location=device, weights_only=True)
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
    model.to(device)
    torch.set_rng_state(ckpt["rng_state"].cpu())
    return ckpt["epoch"]


def wrong__load_resume_checkpoint__rng_on_device(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                                 device: torch.device) -> int:
    """subtle | torch.set_rng_state(ckpt["rng_state"]) without .cpu(): map_location=device moved the ByteTensor too | differs when: device=torch.device("cuda") (TypeError/RuntimeError: RNG state must be a torch.ByteTensor); identical on CPU"""
    ckpt = torch.load(path, map_location=device, weights_only=True)
    model.to(device)
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
    torch.set_rng_state(ckpt["rng_state"])
    return ckpt["epoch"]


def wrong__load_resume_checkpoint__cuda_state_always(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                                     device: torch.device) -> int:
    """subtle | restores ckpt["cuda_rng_state"] unconditionally: a checkpoint written without CUDA has no such key | differs when: a checkpoint saved on a CPU-only machine (KeyError: 'cuda_rng_state')"""
    ckpt = torch.load(path, map_location=device, weights_only=True)
    model.to(device)
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
    torch.set_rng_state(ckpt["rng_state"].cpu())
    torch.cuda.set_rng_state_all(ckpt["cuda_rng_state"])
    return ckpt["epoch"]


def wrong__load_resume_checkpoint__no_map_location(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                                                   device: torch.device) -> int:
    """old-api | torch.load(path) with no map_location (and the 0.4-era habit of trusting the file's devices) | differs when: a checkpoint written on a CUDA machine resumed with device=torch.device("cpu") on a CPU-only machine (RuntimeError "Attempting to deserialize object on a CUDA device")"""
    ckpt = torch.load(path, weights_only=True)
    model.to(device)
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
    torch.set_rng_state(ckpt["rng_state"].cpu())
    return ckpt["epoch"]


def wrong__load_resume_checkpoint__weights_only_false(path: str, model: nn.Module,
                                                      optimizer: torch.optim.Optimizer,
                                                      device: torch.device) -> int:
    """subtle | weights_only=False "because the checkpoint holds more than weights" (it holds only tensors, numbers and dicts, which weights_only allows): a tampered file runs code | differs when: the checkpoint contains an object with a __reduce__ (e.g. print/os.system): the code runs instead of UnpicklingError"""
    ckpt = torch.load(path, map_location=device, weights_only=False)
    model.to(device)
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
    torch.set_rng_state(ckpt["rng_state"].cpu())
    return ckpt["epoch"]
