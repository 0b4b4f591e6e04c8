# A TCP port on 127.0.0.1 whose SYNs vanish: a listening socket with a classic BPF filter that drops every packet,
# so the kernel never answers a connect() to it, whatever its accept-queue or SYN-cookie settings. Prints the port,
# then stays until its standard input closes (the test ends).
import ctypes
import socket
import struct
import sys

SO_ATTACH_FILTER = 26
DROP_EVERYTHING = 0x06  # BPF_RET | BPF_K with k = 0: accept 0 bytes of the packet

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.bind(("127.0.0.1", 0))
program = (ctypes.c_uint64 * 1)(DROP_EVERYTHING)
listener.setsockopt(socket.SOL_SOCKET, SO_ATTACH_FILTER, struct.pack("HL", 1, ctypes.addressof(program)))
listener.listen(16)
print(listener.getsockname()[1], flush=True)
sys.stdin.read()
