package dev.breakwater.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * The secret that unlocks control actions. Only its SHA-256 digest is kept; a presented token is
 * digested too and the digests are compared with {@link MessageDigest#isEqual}, which takes the
 * same time wherever they differ, and comparing digests hides the token's length as well. The
 * token is never logged, echoed or shown by {@code toString()}.
 *
 * <p>Immutable and thread-safe.
 */
final class ControlToken {
  static final int MIN_LENGTH = 16;
  private static final String BEARER = "bearer ";

  private final byte[] digest;

  private ControlToken(byte[] digest) {
    this.digest = digest;
  }

  /**
   * Validates and digests a token.
   *
   * @throws IllegalArgumentException if it is shorter than {@link #MIN_LENGTH} or holds anything
   *     but visible ASCII; the message never contains the token
   * @throws NullPointerException if {@code token} is null
   */
  static ControlToken of(String token) {
    if (token == null) {
      throw new NullPointerException("token");
    }
    if (token.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("control token must be at least " + MIN_LENGTH
          + " characters, was " + token.length() + " characters");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException("control token must be visible ASCII (it travels in an"
            + " Authorization header); character " + i + " is not");
      }
    }
    return new ControlToken(sha256(token));
  }

  /** A new random token: 32 bytes from {@link SecureRandom}, base64url without padding. */
  static String generate() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether an {@code Authorization} header value is {@code Bearer <this token>}. */
  boolean matchesAuthorization(String header) {
    if (header == null || header.length() <= BEARER.length()
        || !header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      return false;
    }
    return MessageDigest.isEqual(digest, sha256(header.substring(BEARER.length()).trim()));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "ControlToken[hidden]";
  }
}
