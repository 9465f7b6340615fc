"""A throttled link on loopback, Lighthouse's mobile profile for real: 150 ms round trips, 1.6 Mbps down, 750 kbps up.

Lighthouse simulates its throttling from an unthrottled trace, which cannot time what a service worker downloads
after the page has loaded; this proxy slows every connection between Chromium and a server through one shared link.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator

ROUND_TRIP_S = 0.150
DOWN_BITS_PER_S = 1_638_400
UP_BITS_PER_S = 750_000
CHUNK = 16_384


class Link:
    """One direction of the shared link: bytes leave one after another at its rate."""

    def __init__(self, bits_per_second: int) -> None:
        """An idle link."""
        self.bytes_per_second = bits_per_second / 8
        self.free_at = 0.0

    async def send(self, size: int) -> None:
        """Wait until `size` bytes have left over the link."""
        now = asyncio.get_running_loop().time()
        self.free_at = max(self.free_at, now) + size / self.bytes_per_second
        await asyncio.sleep(self.free_at - now)


async def _pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, link: Link) -> None:
    """Copy one direction of a connection over the link, each chunk arriving half a round trip after it left."""
    loop = asyncio.get_running_loop()
    arrivals: asyncio.Queue[tuple[float, bytes] | None] = asyncio.Queue()

    async def deliver() -> None:
        while (item := await arrivals.get()) is not None:
            at, data = item
            await asyncio.sleep(max(0.0, at - loop.time()))
            writer.write(data)
            await writer.drain()

    delivering = asyncio.create_task(deliver())
    try:
        while data := await reader.read(CHUNK):
            await link.send(len(data))
            arrivals.put_nowait((loop.time() + ROUND_TRIP_S / 2, data))
    except ConnectionError:
        pass
    finally:
        arrivals.put_nowait(None)
        with contextlib.suppress(ConnectionError):
            await delivering
            writer.close()


class ThrottledProxy:
    """A TCP proxy to `target_port` on 127.0.0.1, on a port of its own, in a thread of its own."""

    def __init__(self, target_port: int) -> None:
        """Not yet listening."""
        self.target_port = target_port
        self.down, self.up = Link(DOWN_BITS_PER_S), Link(UP_BITS_PER_S)
        self.loop = asyncio.new_event_loop()
        self.port = 0

    async def _connect(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        await asyncio.gather(
            _pump(client_reader, server_writer, self.up), _pump(server_reader, client_writer, self.down)
        )

    def start(self) -> None:
        """Listen, and run the proxy's event loop in a daemon thread of its own."""
        listening = threading.Event()

        def run() -> None:
            asyncio.set_event_loop(self.loop)
            server = self.loop.run_until_complete(asyncio.start_server(self._connect, "127.0.0.1", 0))
            self.port = server.sockets[0].getsockname()[1]
            listening.set()
            self.loop.run_forever()

        threading.Thread(target=run, daemon=True).start()
        if not listening.wait(timeout=10):
            raise RuntimeError("the throttled proxy did not start listening")

    def stop(self) -> None:
        """Stop the event loop (connections still open are dropped)."""
        self.loop.call_soon_threadsafe(self.loop.stop)


@contextlib.contextmanager
def throttled(target_port: int) -> Iterator[ThrottledProxy]:
    """A throttled proxy to the port, stopped on the way out."""
    proxy = ThrottledProxy(target_port)
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.stop()
