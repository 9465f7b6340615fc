"""A virtual X display (Xvfb) for an engine that draws in a window: WebKitGTK's MiniBrowser."""

from __future__ import annotations

import ctypes
import os
import select
import subprocess
import time
from pathlib import Path

from tests.engines.tab import EngineError, check_installed

XVFB = Path("/usr/bin/Xvfb")
LIBX11 = "libX11.so.6"  # Xvfb and GTK depend on it
# Xlib.h: the focus that follows the pointer, and "now".
POINTER_ROOT, REVERT_TO_POINTER_ROOT, CURRENT_TIME = 1, 1, 0
START_TIMEOUT_S = 10


def start_display(log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Xvfb on the first free display number, which it writes to a pipe once it is ready: (process, ":N")."""
    check_installed({XVFB: "xvfb"})
    read_end, write_end = os.pipe()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(XVFB), "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0", "1280x1024x24"],
            stdout=output,
            stderr=subprocess.STDOUT,
            pass_fds=(write_end,),
            start_new_session=True,
        )
    os.close(write_end)
    try:
        number = _read_line(read_end)
    finally:
        os.close(read_end)
    if not number.isdigit():
        process.kill()
        raise EngineError(f"Xvfb gave no display within {START_TIMEOUT_S} s:\n{log.read_text()[-2000:]}")
    return process, f":{number}"


def _read_line(fd: int) -> str:
    """What Xvfb writes up to its newline (it may write in pieces, and fails if the pipe closes before it ends)."""
    deadline = time.monotonic() + START_TIMEOUT_S
    text = b""
    while not text.endswith(b"\n"):
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        piece = os.read(fd, 32) if ready else b""
        if not piece:
            break
        text += piece
    return text.decode().strip()


def focus_follows_pointer(display: str, x: int, y: int) -> None:
    """Give a window at (x, y) the keyboard focus, as a window manager would: without one, none has it.

    X's keyboard focus is set to follow the pointer (PointerRoot) and the pointer is put on the window; with no
    focus, WebKit's page has none either (`document.hasFocus()` is false, `:focus-visible` never matches).
    """
    xlib = ctypes.CDLL(LIBX11)
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XDefaultRootWindow.restype = ctypes.c_ulong
    xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    xlib.XWarpPointer.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, *[ctypes.c_int] * 6]
    xlib.XSetInputFocus.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_ulong]
    xlib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    connection = xlib.XOpenDisplay(display.encode())
    if not connection:
        raise EngineError(f"cannot open the X display {display}")
    try:
        xlib.XWarpPointer(connection, 0, xlib.XDefaultRootWindow(connection), 0, 0, 0, 0, x, y)
        xlib.XSetInputFocus(connection, POINTER_ROOT, REVERT_TO_POINTER_ROOT, CURRENT_TIME)
        xlib.XSync(connection, 0)
    finally:
        xlib.XCloseDisplay(connection)
