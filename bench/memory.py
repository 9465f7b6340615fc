"""Server memory (RSS of the server and its children) idle and with 1,000 readers who each just loaded a page."""

from __future__ import annotations

import asyncio
import contextlib
import resource
import ssl
import time
import urllib.parse

import psutil

from tests.servers import Server

READERS = 1000
OPENING_AT_ONCE = 100
READER_TIMEOUT_S = 30
OPENING_TIMEOUT_S = 300
SETTLE_S = 2
PATH = "/"
ACCEPT_ENCODING = "br, gzip"
LOOPBACK = "127.0.0.1"
MIB = 1024 * 1024


def raise_open_files_limit(needed: int = READERS + 1024) -> None:
    """Let this process (and the servers it starts, which inherit it) hold `needed` open files."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        if hard != resource.RLIM_INFINITY and hard < needed:
            raise RuntimeError(f"the open files limit is {hard}; {READERS} readers need {needed}")
        resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))


def rss_bytes(pid: int) -> int:
    """Resident memory of a process and all of its children, in bytes."""
    process = psutil.Process(pid)
    total = 0
    for member in (process, *process.children(recursive=True)):
        with contextlib.suppress(psutil.NoSuchProcess):
            total += member.memory_info().rss
    return total


def measure(server: Server) -> dict:
    """RSS idle, then with READERS open keep-alive connections that each loaded `/` in full.

    Args:
        server: the running server; its process group holds everything that serves.

    Returns:
        MiB idle and with readers, KiB per reader, and how many readers loaded the page and were still connected.
    """
    time.sleep(SETTLE_S)
    idle = rss_bytes(server.process.pid)
    readers = asyncio.run(_with_readers(server))
    return {
        "idle_mib": idle / MIB,
        "readers_mib": readers["rss"] / MIB,
        "kib_per_reader": (readers["rss"] - idle) / READERS / 1024,
        "readers": READERS,
        "loaded": readers["loaded"],
        "still_open": readers["still_open"],
        "first_error": readers["first_error"],
    }


async def _with_readers(server: Server) -> dict:
    """Open the readers, read the server's RSS while they stay connected, then close them all."""
    address = urllib.parse.urlsplit(server.url)
    context = server.ssl_context()
    request = (
        f"GET {PATH} HTTP/1.1\r\nHost: {address.netloc}\r\nAccept-Encoding: {ACCEPT_ENCODING}\r\n"
        "User-Agent: ketaguide-bench\r\nConnection: keep-alive\r\n\r\n"
    ).encode()
    gate = asyncio.Semaphore(OPENING_AT_ONCE)
    readers = [_reader(gate, address, context, request) for _ in range(READERS)]
    connections = []
    try:
        async with asyncio.timeout(OPENING_TIMEOUT_S):
            results = await asyncio.gather(*readers, return_exceptions=True)
        connections = [result for result in results if isinstance(result, tuple)]
        errors = [repr(result) for result in results if isinstance(result, BaseException)]
        await asyncio.sleep(SETTLE_S)
        return {
            "rss": rss_bytes(server.process.pid),
            "loaded": len(connections),
            "still_open": sum(not reader.at_eof() for reader, _ in connections),
            "first_error": errors[0] if errors else None,
        }
    finally:
        for _, writer in connections:
            writer.close()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(READER_TIMEOUT_S):
                await asyncio.gather(*(writer.wait_closed() for _, writer in connections), return_exceptions=True)


async def _reader(
    gate: asyncio.Semaphore, address: urllib.parse.SplitResult, context: ssl.SSLContext | None, request: bytes
) -> tuple:
    """One reader: connect, GET the page, read all of the response, and keep the connection."""
    async with gate, asyncio.timeout(READER_TIMEOUT_S):
        reader, writer = await asyncio.open_connection(
            LOOPBACK, address.port, ssl=context, server_hostname=address.hostname if context else None
        )
        try:
            writer.write(request)
            status = await read_response(reader)
        except BaseException:
            writer.close()
            raise
        if status != 200:
            writer.close()
            raise RuntimeError(f"GET {PATH} answered {status}")
        return reader, writer


async def read_response(reader: asyncio.StreamReader) -> int:
    """Read one HTTP/1.1 response to its end (Content-Length or chunked); return its status."""
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
    status_line, *lines = head.split("\r\n")
    headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif "chunked" in headers.get("transfer-encoding", "").lower():
        while size := int((await reader.readline()).split(b";")[0], 16):
            await reader.readexactly(size + 2)
        while await reader.readline() not in {b"\r\n", b""}:
            pass
    return int(status_line.split()[1])
