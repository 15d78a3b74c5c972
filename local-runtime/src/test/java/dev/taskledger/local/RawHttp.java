package dev.taskledger.local;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request written byte by byte (for what HttpClient refuses to send: bad bytes, odd headers). */
final class RawHttp {
    private RawHttp() {}

    static Api.Response send(
            int port, String requestLine, String token, String contentType, byte[] body, String... extraHeaders)
            throws Exception {
        String[] parts = requestLine.split(" ");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            StringBuilder head = new StringBuilder(parts[0] + " " + parts[1] + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            if (token != null) {
                head.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            head.append("Connection: close\r\n");
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            for (String h : extraHeaders) {
                head.append(h).append("\r\n");
            }
            head.append("Content-Length: ")
                    .append(body == null ? 0 : body.length)
                    .append("\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            Map<String, String> headers = new LinkedHashMap<>();
            String[] lines = response.substring(0, response.indexOf("\r\n\r\n")).split("\r\n");
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).toLowerCase(),
                        lines[i].substring(colon + 1).strip());
            }
            String payload = response.substring(response.indexOf("\r\n\r\n") + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                payload = dechunk(payload);
            }
            return new Api.Response(status, headers, payload);
        }
    }

    static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < chunked.length()) {
            int eol = chunked.indexOf("\r\n", i);
            int size = Integer.parseInt(chunked.substring(i, eol).strip(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
