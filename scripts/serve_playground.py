#!/usr/bin/env python3
"""Serves the built playground (build/wasm/web by default) on 127.0.0.1 for a browser.

Like `python3 -m http.server`, plus the two headers that make the page cross-origin isolated
(Cross-Origin-Opener-Policy: same-origin, Cross-Origin-Embedder-Policy: require-corp), so
gramlab.js can share a SharedArrayBuffer with its worker and Stop keeps the shell session's
variables (docs/js-api.md, "How Stop works"), and the wasm MIME type streaming compilation wants.

    scripts/serve_playground.py [--port 8000] [--dir build/wasm/web]
"""
import argparse
import functools
import http.server
import os
import sys


class IsolatedHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map,
                          **{'.wasm': 'application/wasm', '.js': 'text/javascript', '.data': 'application/octet-stream'})

    def send_head(self):
        # The build's precompressed copy (FILE.br / FILE.gz, scripts/precompress.mjs) when the
        # browser accepts its encoding, as nginx's brotli_static / gzip_static serve them.
        path = self.translate_path(self.path)
        accepted = {p.split(';')[0].strip() for p in self.headers.get('Accept-Encoding', '').split(',')}
        if os.path.isfile(path):
            for encoding, ext in (('br', '.br'), ('gzip', '.gz')):
                packed = path + ext
                if encoding in accepted and os.path.isfile(packed) and os.path.getmtime(packed) >= os.path.getmtime(path):
                    f = open(packed, 'rb')
                    self.send_response(200)
                    self.send_header('Content-Type', self.guess_type(path))
                    self.send_header('Content-Encoding', encoding)
                    self.send_header('Vary', 'Accept-Encoding')
                    self.send_header('Content-Length', str(os.fstat(f.fileno()).st_size))
                    self.end_headers()
                    return f
        return super().send_head()

    def end_headers(self):
        self.send_header('Cross-Origin-Opener-Policy', 'same-origin')
        self.send_header('Cross-Origin-Embedder-Policy', 'require-corp')
        self.send_header('Cache-Control', 'no-cache')
        super().end_headers()


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description='Serve the gramlab playground on 127.0.0.1 (cross-origin isolated).')
    parser.add_argument('--port', type=int, default=8000, help='port (default 8000)')
    parser.add_argument('--dir', default=os.path.join(root, 'build', 'wasm', 'web'), help='folder to serve (default build/wasm/web)')
    args = parser.parse_args()
    if not os.path.isfile(os.path.join(args.dir, 'index.html')):
        sys.exit(f'serve_playground: no index.html in {args.dir}: build the wasm preset first (README)')
    handler = functools.partial(IsolatedHandler, directory=args.dir)
    with http.server.ThreadingHTTPServer(('127.0.0.1', args.port), handler) as httpd:
        print(f'gramlab playground: http://127.0.0.1:{args.port}/  (Ctrl+C stops)', flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == '__main__':
    main()
