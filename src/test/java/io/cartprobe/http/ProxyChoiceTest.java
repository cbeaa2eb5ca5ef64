package io.cartprobe.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class ProxyChoiceTest {

  /** The JVM's own selector, as the JDK installs it; tests never replace the JVM's default. */
  private static final ProxySelector JDK = ProxySelector.getDefault();
  private static final OkHttpClient PLAIN = new OkHttpClient.Builder().proxySelector(JDK).build();

  @Test
  void goesDirectWhenNothingNamesAProxy() {
    assertThat(ProxyChoice.noneConfigured(PLAIN, JDK, name -> null)).isTrue();
  }

  @Test
  void asksTheSelectorWhenAJvmPropertyNamesAProxy() {
    for (String property : ProxyChoice.PROXY_PROPERTIES) {
      Map<String, String> set = Map.of(property, "proxy.corp.example");
      assertThat(ProxyChoice.noneConfigured(PLAIN, JDK, set::get)).as(property).isFalse();
    }
  }

  @Test
  void asksTheSelectorWhenTheSystemsSettingsApply() {
    Map<String, String> set = Map.of("java.net.useSystemProxies", "true");
    assertThat(ProxyChoice.noneConfigured(PLAIN, JDK, set::get)).isFalse();
  }

  @Test
  void keepsAProxyOrSelectorOfTheBaseClientOrTheUsersOwn() {
    OkHttpClient proxied = new OkHttpClient.Builder().proxy(new Proxy(Proxy.Type.HTTP,
        InetSocketAddress.createUnresolved("proxy.corp.example", 3128))).build();
    ProxySelector own = new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        return List.of(Proxy.NO_PROXY);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress address, IOException e) {}
    };
    OkHttpClient selecting = new OkHttpClient.Builder().proxySelector(own).build();

    assertThat(ProxyChoice.noneConfigured(proxied, JDK, name -> null)).isFalse();
    assertThat(ProxyChoice.noneConfigured(selecting, JDK, name -> null)).as("the base's").isFalse();
    assertThat(ProxyChoice.noneConfigured(selecting, own, name -> null)).as("the JVM's").isFalse();
    assertThat(ProxyChoice.noneConfigured(PLAIN, null, name -> null)).isFalse();
  }
}
