"""Runs moto in server mode on a loopback port chosen by the OS.

Prints "READY <port>" once the server accepts connections, then serves until its standard input
closes: the Java parent keeps the pipe open, so when the parent exits for any reason (Ctrl-C,
kill, crash) the pipe closes and the emulator goes with it. No orphans.

Before starting, installs two in-memory patches of moto, both next to this file (see there):
- moto_fidelity, so that DynamoDB requests run one at a time, each atomic and isolated as on
  AWS, and TransactWriteItems neither copies whole tables nor drops other requests' writes when
  it rolls back; AUTOCENTRIC_MOTO_FIDELITY=0 leaves that as moto has it;
- moto_speedups, so that DynamoDB Query does not cost the whole table each time;
  AUTOCENTRIC_MOTO_SPEEDUPS=0 runs moto's own Query.
"""
import os
import sys

from moto.server import ThreadedMotoServer


def main() -> None:
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    if os.environ.get("AUTOCENTRIC_MOTO_FIDELITY", "1") != "0":
        try:
            import moto_fidelity
        except ModuleNotFoundError as e:
            if e.name != "moto_fidelity":
                raise
            print("moto_fidelity.py is not next to moto_launcher.py: DynamoDB requests are not "
                  "serialised", file=sys.stderr)
        else:
            moto_fidelity.install()
    if os.environ.get("AUTOCENTRIC_MOTO_SPEEDUPS", "1") != "0":
        import moto_speedups

        moto_speedups.install()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    _, bound = server.get_host_and_port()
    print(f"READY {bound}", flush=True)
    try:
        while sys.stdin.read(4096):
            pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()
