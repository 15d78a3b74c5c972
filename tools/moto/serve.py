"""Runs moto's server with requests handled one at a time.

moto's own `moto_server` handles requests on concurrent threads without isolating DynamoDB transactions from
each other, so two concurrent TransactWriteItems can both pass their conditions. Real DynamoDB isolates them.
Serializing request handling restores that isolation for the tests (which is all the emulator is for); the
HTTP server itself stays threaded so that keep-alive connections from many clients do not block each other.
"""
import argparse
import threading

from werkzeug.serving import run_simple
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app


def serialized(app):
    lock = threading.Lock()

    def handle(environ, start_response):
        with lock:
            # materialize the whole response while holding the lock
            body = b"".join(app(environ, start_response))
        return [body]

    return handle


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, required=True)
    args = parser.parse_args()
    import os
    os.environ.setdefault("MOTO_PORT", str(args.port))
    app = DomainDispatcherApplication(create_backend_app)
    run_simple(args.host, args.port, serialized(app), threaded=True, request_handler=MotoRequestHandler)


if __name__ == "__main__":
    main()
