package dev.breakwater.redis;

import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Opens connections to one Redis server, each with the same connect and socket timeout, so no
 * command of ours waits on the network longer than that. Reads the user, password, database and
 * TLS from the URI; never shows the password. Immutable and thread-safe.
 */
final class Connector {
  private final HostAndPort address;
  private final JedisClientConfig config;
  private final String shown;

  Connector(URI redis, Duration timeout, String clientName) {
    Checks.redis(redis);
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    HostAndPort hostAndPort = JedisURIHelper.getHostAndPort(redis);
    this.address = hostAndPort;
    DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(millis)
        .socketTimeoutMillis(millis)
        .clientName(clientName.replaceAll("\\s", "_"));
    if (JedisURIHelper.isRedisSSLScheme(redis)) {
      builder.sslOptions(SslOptions.defaults()); // the JDK's trust store, host name verified
    }
    String user = JedisURIHelper.getUser(redis);
    String password = JedisURIHelper.getPassword(redis);
    if (password != null) {
      builder.user(user).password(password);
    }
    if (JedisURIHelper.hasDbIndex(redis)) {
      builder.database(JedisURIHelper.getDBIndex(redis));
    }
    this.config = builder.build();
    this.shown = hostAndPort.getHost() + ":" + hostAndPort.getPort();
  }

  /**
   * Connects and checks the server answers.
   *
   * @throws redis.clients.jedis.exceptions.JedisException if it cannot connect, log in or get
   *     an answer within the timeout
   */
  Jedis open() {
    Jedis jedis = new Jedis(address, config);
    try {
      jedis.ping();
      return jedis;
    } catch (RuntimeException e) {
      jedis.close();
      throw e;
    }
  }

  /** {@code host:port}, for log lines and messages. */
  String describe() {
    return shown;
  }

  /** The URI without its user information, for messages. */
  static String redact(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri.toString();
    }
    return uri.getScheme() + "://***@" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }
}
