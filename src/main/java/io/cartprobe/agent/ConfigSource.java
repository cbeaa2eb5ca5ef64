package io.cartprobe.agent;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigException;

/** Where a reload reads the config from (the file the agent was started with). */
@FunctionalInterface
public interface ConfigSource {
  CartprobeConfig load() throws ConfigException;
}
