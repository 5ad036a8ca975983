"""Realistic learner answers for exercises/01_tensors/14_device.py (choose_device)."""
import torch


# --------------------------------------------------------------------------- right


def right__choose_device__conditional_expression() -> torch.device:
    """alternative | one nested conditional expression inside torch.device(...)"""
    return torch.device("cuda" if torch.cuda.is_available()
                        else "mps" if torch.backends.mps.is_available()
                        else "cpu")


def right__choose_device__ordered_candidates() -> torch.device:
    """alternative | walks an ordered list of (name, availability check) pairs and returns the first available one, cpu as the fallback"""
    candidates = [
        ("cuda", torch.cuda.is_available),
        ("mps", torch.backends.mps.is_available),
    ]
    for name, available in candidates:
        if available():
            return torch.device(name)
    return torch.device("cpu")


def right__choose_device__type_keyword() -> torch.device:
    """alternative | picks the name with early returns and builds the device with torch.device(type=...)"""
    if torch.cuda.is_available():
        name = "cuda"
    elif torch.backends.mps.is_available():
        name = "mps"
    else:
        name = "cpu"
    return torch.device(type=name)


# --------------------------------------------------------------------------- wrong


def wrong__choose_device__returns_string() -> torch.device:
    """tf-habit | returns the device name as a string, as TF's with tf.device("/GPU:0") takes one; the docstring asks for a torch.device | differs when: no GPU: returns "cpu" (a str) instead of device(type='cpu')"""
    if torch.cuda.is_available():
        return "cuda"
    if torch.backends.mps.is_available():
        return "mps"
    return "cpu"


def wrong__choose_device__function_not_called() -> torch.device:
    """beginner | tests torch.cuda.is_available without calling it; a function object is always truthy, so it always answers cuda | differs when: no GPU (torch.cuda.is_available() is False): returns device(type='cuda') instead of device(type='cpu')"""
    if torch.cuda.is_available:
        return torch.device("cuda")
    if torch.backends.mps.is_available:
        return torch.device("mps")
    return torch.device("cpu")


def wrong__choose_device__migration_guide_idiom() -> torch.device:
    """old-api | the PyTorch 0.4 migration-guide line torch.device("cuda:0" if torch.cuda.is_available() else "cpu"): never considers mps | differs when: cuda unavailable and torch.backends.mps.is_available() True: returns device(type='cpu') instead of device(type='mps')"""
    return torch.device("cuda:0" if torch.cuda.is_available() else "cpu")


def wrong__choose_device__mps_first() -> torch.device:
    """subtle | checks mps before cuda, so the order of preference is wrong when both report available | differs when: torch.cuda.is_available() and torch.backends.mps.is_available() both True: returns device(type='mps') instead of device(type='cuda')"""
    if torch.backends.mps.is_available():
        return torch.device("mps")
    if torch.cuda.is_available():
        return torch.device("cuda")
    return torch.device("cpu")


def wrong__choose_device__mps_is_built() -> torch.device:
    """subtle | asks torch.backends.mps.is_built() (compiled with MPS support) instead of is_available() (usable on this machine) | differs when: cuda unavailable, mps.is_available() True but is_built() False (any Linux build, e.g. when availability is patched): returns device(type='cpu') instead of device(type='mps')"""
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_built():
        return torch.device("mps")
    return torch.device("cpu")


def wrong__choose_device__device_count() -> torch.device:
    """tf-habit | counts GPUs like len(tf.config.list_physical_devices("GPU")) > 0 with torch.cuda.device_count() instead of asking torch.cuda.is_available() as the docstring says | differs when: the two disagree, e.g. torch.cuda.is_available() patched to return True on a machine without a GPU (device_count() is 0): returns device(type='cpu') instead of device(type='cuda')"""
    if torch.cuda.device_count() > 0:
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def wrong__choose_device__has_cuda_flags() -> torch.device:
    """old-api | the deprecated build flags torch.has_cuda / torch.has_mps say whether torch was compiled with that backend, not whether a device is usable here | differs when: a CUDA build of torch on a machine without a GPU (torch.has_cuda True, torch.cuda.is_available() False): returns device(type='cuda') instead of device(type='cpu')"""
    if torch.has_cuda:
        return torch.device("cuda")
    if torch.has_mps:
        return torch.device("mps")
    return torch.device("cpu")
