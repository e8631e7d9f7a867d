import { readSync } from 'node:fs';
import type { Socket } from 'node:net';
import type { IPty } from 'node-pty';

/** Tuning of the last read of a pty whose process ended. */
export const PtyDrainTuning = {
  /**
   * At most this many bytes are read synchronously when node-pty closes a pty. What a
   * process that ended left in the kernel is far less (a line discipline buffer and the
   * pty's flip buffer: tens of KB); the bound only matters when something else still holds
   * the pty open and writes (a background job of a shell that exited), which must not hold
   * the event loop.
   */
  MaxBytes: 1024 * 1024,
  ReadBytes: 64 * 1024,
} as const;

/**
 * Make sure every byte a pty's process wrote is read before node-pty closes the pty.
 *
 * Why: node-pty reads the pty master through a libuv stream, and closes it (destroying
 * the socket, which closes the descriptor) in two cases where the kernel still holds output:
 * - libuv takes a short read after POLLHUP for the end of the stream and reports EOF without
 *   reading further (libuv/libuv#4992, fixed in libuv/libuv#4997 and #5165, not in the libuv
 *   of Node 20 or Electron's). On Linux a pty reports POLLHUP as soon as its process closes
 *   its side, while up to a kernel buffer of its last output is still unread: the tail of a
 *   fast command is lost (microsoft/node-pty#85, #726), most runs on a busy machine.
 * - node-pty destroys the socket 200 ms after the process exits if it has not reached its
 *   end by then (a busy event loop, or a paused pty).
 *
 * So the socket's destroy is wrapped (on this one instance): before it closes the
 * descriptor, what the stream buffered is emitted as data (a paused stream holds some),
 * and the descriptor is read to its end synchronously (it is non-blocking: EIO once the
 * other side is closed and read, EAGAIN if something still holds it open); what is read is
 * handed to `onRest`, in order after all earlier data. node-pty's exit event follows the
 * socket's close, so the rest is in before the exit is reported.
 *
 * Unix only (on Windows node-pty reads a named pipe from conpty; nothing to do there).
 * Returns whether the pty could be wrapped (node-pty's private fields were as expected).
 */
export function drainBeforeClose(pty: IPty, onRest: (bytes: Buffer) => void, platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'win32') return false;
  const { _socket: socket, _fd: fd } = pty as unknown as { _socket?: Socket; _fd?: number };
  if (socket === undefined || typeof fd !== 'number' || typeof socket.destroy !== 'function') return false;
  const destroy = socket.destroy.bind(socket);
  let drained = false;
  socket.destroy = (error?: Error): Socket => {
    if (!drained && !socket.destroyed) {
      drained = true;
      // A paused stream keeps what it read: read() emits it as 'data' (node-pty's onData).
      while (socket.readableLength > 0 && socket.read() !== null);
      readRest(fd, onRest);
    }
    return destroy(error);
  };
  return true;
}

function readRest(fd: number, onRest: (bytes: Buffer) => void): void {
  const buffer = Buffer.allocUnsafe(PtyDrainTuning.ReadBytes);
  let total = 0;
  while (total < PtyDrainTuning.MaxBytes) {
    let read: number;
    try {
      read = readSync(fd, buffer, 0, buffer.length, null);
    } catch {
      // EIO: the other side is closed and everything is read; EAGAIN: it is open and has nothing now.
      return;
    }
    if (read <= 0) return;
    total += read;
    onRest(Buffer.from(buffer.subarray(0, read)));
  }
}
