package dev.breakwater.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The page at {@code /}: one self-contained HTML file ({@code console.html}, inline CSS and JS)
 * with the current snapshot embedded as a JSON data block, so the tiles are drawn before the
 * stream connects. Its content security policy allows exactly the page's own style and script
 * (by SHA-256 hash) and connections to its own origin: the browser itself refuses any other
 * request, inline handler or injected script.
 *
 * <p>Immutable and thread-safe.
 */
final class Page {
  static final String RESOURCE = "console.html";
  private static final String SNAPSHOT_MARKER = "\"@@SNAPSHOT@@\"";

  private final String head;
  private final String tail;
  private final String contentSecurityPolicy;

  private Page(String template) {
    int marker = template.indexOf(SNAPSHOT_MARKER);
    if (marker < 0 || template.indexOf(SNAPSHOT_MARKER, marker + 1) >= 0) {
      throw new IllegalStateException(RESOURCE + " must hold the snapshot marker exactly once");
    }
    this.head = template.substring(0, marker);
    this.tail = template.substring(marker + SNAPSHOT_MARKER.length());
    this.contentSecurityPolicy = "default-src 'none'; script-src " + hashOf(template, "script")
        + "; style-src " + hashOf(template, "style") + "; connect-src 'self'; img-src data:;"
        + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  }

  static Page load() {
    try (InputStream in = Page.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the console's jar");
      }
      return new Page(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** The page with {@code snapshotJson} (from {@link JsonWriter}, so it cannot end the block). */
  byte[] render(String snapshotJson) {
    return (head + snapshotJson + tail).getBytes(StandardCharsets.UTF_8);
  }

  String contentSecurityPolicy() {
    return contentSecurityPolicy;
  }

  /** The CSP source for the one element {@code <tag>} (written without attributes). */
  private static String hashOf(String template, String tag) {
    String open = "<" + tag + ">";
    String close = "</" + tag + ">";
    int start = template.indexOf(open);
    int end = template.indexOf(close, start + 1);
    if (start < 0 || end < 0 || template.indexOf(open, end) >= 0) {
      throw new IllegalStateException(RESOURCE + " must hold exactly one " + open + " element");
    }
    String content = template.substring(start + open.length(), end);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(content.getBytes(StandardCharsets.UTF_8));
      return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
