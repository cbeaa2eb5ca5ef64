package io.cartprobe.alert.webhook;

import java.net.URI;

/**
 * A webhook URL as logs may show it: scheme, host and port only. Slack-style incoming webhooks
 * carry their secret in the path, and query strings often carry tokens.
 */
final class SafeUrl {

  private SafeUrl() {}

  static String of(String url) {
    try {
      URI uri = URI.create(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return "(webhook URL)";
      }
      String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
      boolean more = (uri.getRawPath() != null && uri.getRawPath().length() > 1) || uri.getRawQuery() != null;
      return uri.getScheme() + "://" + uri.getHost() + port + (more ? "/***" : "");
    } catch (IllegalArgumentException e) {
      return "(webhook URL)";
    }
  }
}
