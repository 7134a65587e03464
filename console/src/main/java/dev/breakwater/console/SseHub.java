package dev.breakwater.console;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The connected {@code /api/stream} clients, and the broadcast of one encoded frame to all of
 * them. Broadcasting never waits for a client: one whose queue is full is closed and counted.
 *
 * <p>Thread-safe.
 */
final class SseHub {
  private final int maxClients;
  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
  private final AtomicLong dropped = new AtomicLong();

  SseHub(int maxClients) {
    this.maxClients = maxClients;
  }

  boolean hasRoom() {
    return clients.size() < maxClients;
  }

  void add(SseClient client) {
    clients.add(client);
  }

  void remove(SseClient client) {
    clients.remove(client);
  }

  void broadcast(byte[] frame) {
    for (SseClient client : clients) {
      if (!client.offer(frame)) {
        clients.remove(client);
        if (!client.isClosed()) {
          dropped.incrementAndGet();
        }
        client.close();
      }
    }
  }

  int size() {
    return clients.size();
  }

  /** Clients dropped because they could not keep up. */
  long dropped() {
    return dropped.get();
  }

  void closeAll() {
    for (SseClient client : clients) {
      clients.remove(client);
      client.close();
    }
  }
}
