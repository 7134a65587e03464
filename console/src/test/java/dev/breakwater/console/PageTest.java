package dev.breakwater.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PageTest {
  private static final String NASTY = "</script><script>alert('x')</script>";
  private final Page page = Page.load();

  @Test
  void theContentSecurityPolicyAllowsExactlyThePagesOwnStyleAndScript() throws Exception {
    String html = render("{}");
    String csp = page.contentSecurityPolicy();
    assertThat(csp).startsWith("default-src 'none';")
        .contains("script-src " + hash(between(html, "<script>", "</script>")) + ";")
        .contains("style-src " + hash(between(html, "<style>", "</style>")) + ";")
        .contains("connect-src 'self'", "form-action 'none'", "frame-ancestors 'none'")
        .doesNotContain("unsafe", "http:", "https:", "*");
  }

  @Test
  void thePageNamesNoOtherPlaceToFetchFrom() {
    String html = render("{}");
    Matcher urls = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+[^\\s\"'<>)]*").matcher(html);
    List<String> found = urls.results().map(m -> m.group()).toList();
    assertThat(found).as("the only URL is the SVG namespace, which is a name, not a request")
        .containsOnly("http://www.w3.org/2000/svg");
    assertThat(html).doesNotContainIgnoringCase("@import").doesNotContainIgnoringCase("<link rel=\"stylesheet")
        .doesNotContainIgnoringCase("src=");
    assertThat(html).contains("<link rel=\"icon\" href=\"data:,\">");
  }

  @Test
  void anEmbeddedSnapshotCannotEndItsDataBlock() throws Exception {
    String json = new JsonWriter().beginObject().name("name").value(NASTY).endObject().toString();
    String html = render(json);
    String block = between(html, "<script type=\"application/json\" id=\"initial\">", "</script>");
    assertThat(block).isEqualTo(json).doesNotContain("<");
    assertThat(new ObjectMapper().readTree(block).get("name").asText()).isEqualTo(NASTY);
    assertThat(html).doesNotContain("@@SNAPSHOT@@");
  }

  private String render(String json) {
    return new String(page.render(json), StandardCharsets.UTF_8);
  }

  private static String between(String text, String open, String close) {
    int start = text.indexOf(open) + open.length();
    return text.substring(start, text.indexOf(close, start));
  }

  private static String hash(String content) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256")
        .digest(content.getBytes(StandardCharsets.UTF_8));
    return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
  }
}
