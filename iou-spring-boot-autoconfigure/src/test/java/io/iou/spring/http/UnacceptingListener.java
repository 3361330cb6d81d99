package io.iou.spring.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A port on 127.0.0.1 where connecting hangs until the client's connect timeout: a listener that
 * never accepts, whose backlog is filled, so the kernel drops further connection attempts. The
 * loopback way to provoke a connect timeout, with no traffic to any other address.
 */
public final class UnacceptingListener implements AutoCloseable {

    private final ServerSocket listener;

    private final List<Socket> backlog = new ArrayList<>();

    /**
     * Opens the listener and fills its backlog.
     *
     * @throws IOException if the listener cannot be opened
     */
    public UnacceptingListener() throws IOException {
        this.listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        for (int attempt = 0; attempt < 64; attempt++) {
            Socket socket = new Socket();
            try {
                socket.connect(this.listener.getLocalSocketAddress(), 200);
                this.backlog.add(socket);
            }
            catch (SocketTimeoutException full) {
                socket.close();
                return;
            }
        }
        close();
        throw new IllegalStateException("The backlog of a never-accepting listener did not fill up");
    }

    /**
     * Returns the port where connecting hangs.
     *
     * @return the port on 127.0.0.1
     */
    public int port() {
        return this.listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        for (Socket socket : this.backlog) {
            socket.close();
        }
        this.listener.close();
    }
}
