package io.cartprobe.http;

import java.util.ArrayList;
import java.util.List;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;

/**
 * The cookies of one probe run, in memory, as a browser session would keep them: a new
 * customer starts with none. A cookie replaces an earlier one with the same name, domain and
 * path; expired ones are dropped.
 */
public final class RunCookieJar implements CookieJar {

  private final List<Cookie> cookies = new ArrayList<>();

  @Override
  public synchronized void saveFromResponse(HttpUrl url, List<Cookie> received) {
    for (Cookie c : received) {
      cookies.removeIf(old -> old.name().equals(c.name()) && old.domain().equals(c.domain())
          && old.path().equals(c.path()));
      cookies.add(c);
    }
  }

  @Override
  public synchronized List<Cookie> loadForRequest(HttpUrl url) {
    long now = System.currentTimeMillis();
    cookies.removeIf(c -> c.expiresAt() < now);
    return cookies.stream().filter(c -> c.matches(url)).toList();
  }

  /** Every live cookie of the run, whatever its domain. */
  public synchronized List<Cookie> all() {
    long now = System.currentTimeMillis();
    return cookies.stream().filter(c -> c.expiresAt() >= now).toList();
  }

  /** Forgets every cookie: the jar is about to serve a new customer. */
  synchronized void clear() {
    cookies.clear();
  }
}
