package dev.nautilus.app.websocket;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The WebSocket handshake over a bare socket, and the first frame the server sends after it, as
 * the bytes arrive: what the server itself does, independent of a client library's handling.
 */
final class RawWebSocket {

    /** A close frame: its status code and reason. */
    record Close(int code, String reason) {}

    private RawWebSocket() {}

    /** Connects to {@code uri}, and reads the frame that follows the handshake, which must be a close. */
    static Close firstFrameAsClose(URI uri) throws IOException {
        try (Socket socket = handshake(uri)) {
            return readClose(new DataInputStream(socket.getInputStream()));
        }
    }

    /**
     * Connects, reads the close frame that follows the handshake and never answers it; returns it
     * once the server has ended the connection.
     */
    static Close closeThenEnd(URI uri) throws IOException {
        try (Socket socket = handshake(uri)) {
            socket.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            Close close = readClose(in);
            try {
                while (in.read() >= 0) {
                    // nothing more is expected; read until the server ends the connection
                }
            } catch (java.net.SocketException reset) {
                // ended by a reset: ended all the same
            }
            return close;
        }
    }

    private static Socket handshake(URI uri) throws IOException {
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(5_000);
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        socket.getOutputStream()
                .write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    private static Close readClose(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("no upgrade: " + head.toString().strip());
        }
        int opcode = in.readUnsignedByte() & 0x0f;
        int length = in.readUnsignedByte() & 0x7f; // a server's frames are not masked; a close has < 126 bytes
        if (opcode != 0x8) {
            throw new IOException("first frame has opcode " + opcode + ", not a close");
        }
        byte[] body = new byte[length];
        in.readFully(body);
        int code = length >= 2 ? ((body[0] & 0xff) << 8) | (body[1] & 0xff) : -1;
        String reason = length > 2 ? new String(body, 2, length - 2, StandardCharsets.UTF_8) : "";
        return new Close(code, reason);
    }
}
