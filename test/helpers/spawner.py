# One per vitest worker (test/helpers/spawner.ts): starts the children the worker asks for, so that
# none is a fork of the worker. Node 20's libuv forks the whole process for every child: ~10 ms more
# CPU a child from a 100-350 MB worker than from here, where Python's subprocess starts it with
# vfork (stop 50, docs/scale-log.md "Test suite time: stop 50 (S2)").
#
# Requests on stdin, one JSON line each; answers on stdout, one JSON line each:
#   {"id": N, "file": F, "args": [...], "cwd": C, "env": {...}}  ->  {"id": N, "pid": P} or {"id": N, "error": "ENOENT", "errno": 2}
#   {"kill": N, "signal": 15}                                       ->  {"id": N, "killed": true|false}
#   ... and when child N ends                                       ->  {"id": N, "exit": CODE|null, "signal": NAME|null, "cpu": SECONDS}
# The child's stdin, stdout and stderr are three connections the worker makes to SOCKET (argv[1]),
# each opened by a 16-byte header: the request's id (14 digits), the stream's number (0-2), "\n".
# The child gets those sockets themselves: its output goes straight to the worker, never through here.
import errno
import json
import os
import selectors
import signal
import socket
import subprocess
import sys

HEADER = 16

# Python < 3.9 or Linux < 5.3 (no pidfds): the worker starts its children itself (spawner.ts).
try:
    os.close(os.pidfd_open(os.getpid()))
    signal.pidfd_send_signal  # noqa: B018
except (AttributeError, OSError):
    sys.exit(3)

listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
listener.bind(sys.argv[1] + '.new')
listener.listen(256)
listener.setblocking(False)
os.rename(sys.argv[1] + '.new', sys.argv[1])  # the worker waits for this name: it is listened on

sel = selectors.DefaultSelector()
requests = {}  # id -> request
streams = {}  # id -> {number: socket}
running = {}  # pidfd -> (id, Popen)
by_id = {}  # id -> (pidfd, Popen)
stdin_buffer = b''


def answer(message):
    sys.stdout.write(json.dumps(message) + '\n')
    sys.stdout.flush()


def start(id):
    request = requests.pop(id)
    conns = streams.pop(id)
    try:
        child = subprocess.Popen(
            [request['file'], *request['args']],
            stdin=conns[0].fileno(), stdout=conns[1].fileno(), stderr=conns[2].fileno(),
            cwd=request['cwd'], env=request['env'], close_fds=True, restore_signals=True,
        )
    except (OSError, ValueError, subprocess.SubprocessError) as error:
        # A request it cannot start (a NUL byte in an argument: ValueError) fails that child alone,
        # never the spawner and every child it runs.
        code = getattr(error, 'errno', None) or errno.EINVAL
        answer({'id': id, 'error': errno.errorcode.get(code, 'EINVAL'), 'errno': code})
        return
    finally:
        for conn in conns.values():
            conn.close()
    pidfd = os.pidfd_open(child.pid)
    running[pidfd] = (id, child)
    by_id[id] = (pidfd, child)
    sel.register(pidfd, selectors.EVENT_READ, 'exit')
    answer({'id': id, 'pid': child.pid})


def ready(id):
    if id in requests and len(streams.get(id, {})) == 3:
        start(id)


def on_request(line):
    request = json.loads(line)
    if 'kill' in request:
        entry = by_id.get(request['kill'])
        killed = False
        if entry is not None:
            try:
                signal.pidfd_send_signal(entry[0], int(request['signal']))
                killed = True
            except (ProcessLookupError, ValueError, OSError):
                pass
        answer({'id': request['kill'], 'killed': killed})
        return
    requests[request['id']] = request
    ready(request['id'])


def on_header(conn):
    try:
        head = conn.recv(HEADER, socket.MSG_PEEK)
    except BlockingIOError:
        return
    if len(head) == 0:
        sel.unregister(conn)
        conn.close()
        return
    if len(head) < HEADER:
        return  # the rest of the header is on its way
    sel.unregister(conn)
    conn.recv(HEADER)
    conn.setblocking(True)
    id = int(head[:14])
    streams.setdefault(id, {})[int(head[14:15])] = conn
    ready(id)


def on_exit(pidfd):
    id, child = running.pop(pidfd)
    del by_id[id]
    sel.unregister(pidfd)
    # wait4, not Popen.wait: its rusage is the child's CPU with that of every descendant it waited
    # for (git's merge drivers and hooks), which the worker logs when asked (ACCOUNTPOOL_TEST_SPAWN_LOG).
    _, status, usage = os.wait4(child.pid, 0)
    code = child.returncode = os.waitstatus_to_exitcode(status)
    os.close(pidfd)
    answer({'id': id, 'exit': code if code >= 0 else None, 'signal': signal.Signals(-code).name if code < 0 else None, 'cpu': round(usage.ru_utime + usage.ru_stime, 4)})


sel.register(listener, selectors.EVENT_READ, 'accept')
sel.register(sys.stdin.fileno(), selectors.EVENT_READ, 'request')
while True:
    for key, _ in sel.select():
        if key.data == 'accept':
            try:
                conn, _ = listener.accept()
            except BlockingIOError:
                continue
            conn.setblocking(False)
            sel.register(conn, selectors.EVENT_READ, 'header')
        elif key.data == 'header':
            on_header(key.fileobj)
        elif key.data == 'exit':
            on_exit(key.fileobj)
        else:
            chunk = os.read(sys.stdin.fileno(), 65536)
            if not chunk:
                # The worker is gone; its children go on as they would have. Its socket and folder go.
                os.unlink(sys.argv[1])
                os.rmdir(os.path.dirname(sys.argv[1]))
                sys.exit(0)
            stdin_buffer += chunk
            *lines, stdin_buffer = stdin_buffer.split(b'\n')
            for line in lines:
                on_request(line)
