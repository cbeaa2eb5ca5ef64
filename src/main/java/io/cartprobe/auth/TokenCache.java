package io.cartprobe.auth;

import io.cartprobe.config.AuthConfig;
import io.cartprobe.http.HttpExchange;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import okhttp3.Request;

/**
 * OAuth2 tokens kept across runs, one per environment and client: a probe running every 30
 * seconds asks the token endpoint once per token lifetime, not once per run. Runs that need
 * the same token at once wait for one fetch rather than each making their own.
 */
public final class TokenCache {

  /** Who a token is for. Holds the client secret, so it prints none of its fields. */
  private record Key(String environment, AuthConfig.OAuth2 client) {
    @Override
    public String toString() {
      return "Key[" + environment + "]";
    }
  }

  private static final class Slot {
    final ReentrantLock lock = new ReentrantLock();
    AccessToken token;
  }

  private final Clock clock;
  private final Map<Key, Slot> slots = new ConcurrentHashMap<>();

  public TokenCache(Clock clock) {
    this.clock = clock;
  }

  /** A token still good now, fetched through {@code send} when there is none. */
  public AccessToken token(String environment, AuthConfig.OAuth2 client,
      Function<Request, HttpExchange> send) throws AuthFailure {
    Slot slot = slots.computeIfAbsent(new Key(environment, client), k -> new Slot());
    slot.lock.lock();
    try {
      if (slot.token == null || !clock.instant().isBefore(slot.token.refreshAt())) {
        slot.token = null;
        slot.token = TokenEndpoint.fetch(client, send, clock.instant());
      }
      return slot.token;
    } finally {
      slot.lock.unlock();
    }
  }

  /** Fetches without keeping: {@code cache: false}. */
  public AccessToken fresh(AuthConfig.OAuth2 client, Function<Request, HttpExchange> send)
      throws AuthFailure {
    return TokenEndpoint.fetch(client, send, clock.instant());
  }

  /** Forgets {@code token}, e.g. after the API refused it: revoked before its time. */
  public void invalidate(String environment, AuthConfig.OAuth2 client, AccessToken token) {
    Slot slot = slots.get(new Key(environment, client));
    if (slot == null) {
      return;
    }
    slot.lock.lock();
    try {
      if (token.equals(slot.token)) {
        slot.token = null;
      }
    } finally {
      slot.lock.unlock();
    }
  }
}
