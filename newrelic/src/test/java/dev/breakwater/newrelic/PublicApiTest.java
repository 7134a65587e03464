package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What {@code javap -public} shows of this module: no public signature names a type users cannot
 * name (the builders once extended package-private bases, whose bridge methods returned them),
 * no internal constants, and no public constructors for the values the library makes.
 */
class PublicApiTest {

  @Test
  void noPublicSignatureNamesATypeUsersCannotSee() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : publicTypes()) {
      check(leaks, type + " extends", type.getGenericSuperclass());
      for (Type i : type.getGenericInterfaces()) {
        check(leaks, type + " implements", i);
      }
      for (Method m : type.getDeclaredMethods()) {
        if (visible(m)) {
          check(leaks, m.toString(), m.getGenericReturnType());
          checkAll(leaks, m);
        }
      }
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        if (visible(c)) {
          checkAll(leaks, c);
        }
      }
      for (Field f : type.getDeclaredFields()) {
        if (visible(f)) {
          check(leaks, f.toString(), f.getGenericType());
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void internalsAreNotPublic() throws Exception {
    assertThat(Modifier.isPublic(DashboardProvisioner.class.getDeclaredField("CREATE_MUTATION").getModifiers())).isFalse();
    assertThat(Modifier.isPublic(DashboardProvisioner.class.getDeclaredField("UPDATE_MUTATION").getModifiers())).isFalse();
    for (String mutation : List.of("POLICY_CREATE", "POLICY_UPDATE", "CONDITION_CREATE", "CONDITION_UPDATE")) {
      assertThat(Modifier.isPublic(AlertProvisioner.class.getDeclaredField(mutation).getModifiers())).isFalse();
    }
    for (Class<?> madeByTheLibrary : List.of(StreamerStats.class, DeliveryReport.class, MetricReport.class,
        NewRelicException.class, TransientFailureException.class, NerdGraphException.class,
        EventDeliveryException.class, DashboardProvisioningException.class)) {
      assertThat(madeByTheLibrary.getConstructors()).as(madeByTheLibrary.getSimpleName()).isEmpty();
    }
  }

  private static List<Class<?>> publicTypes() throws Exception {
    Path root = Path.of(PublicApiTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolveSibling("classes").resolve("dev/breakwater/newrelic");
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.list(root)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.endsWith(".class") && !name.equals("module-info.class") && !name.equals("package-info.class")) {
          Class<?> type = Class.forName("dev.breakwater.newrelic." + name.substring(0, name.length() - 6));
          if (seen(type)) {
            types.add(type);
          }
        }
      }
    }
    assertThat(types).contains(EventApiClient.Builder.class, StreamerStats.class);
    return types;
  }

  /** A type users can name: public, and inside public types only. */
  private static boolean seen(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
      if (!Modifier.isPublic(t.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static boolean visible(Member m) {
    return Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers());
  }

  private static void checkAll(List<String> leaks, Executable e) {
    for (Type p : e.getGenericParameterTypes()) {
      check(leaks, e.toString(), p);
    }
    for (Type x : e.getGenericExceptionTypes()) {
      check(leaks, e.toString(), x);
    }
  }

  private static void check(List<String> leaks, String where, Type type) {
    if (type instanceof Class<?> c) {
      Class<?> element = c;
      while (element.isArray()) {
        element = element.getComponentType();
      }
      if (!element.isPrimitive() && !seen(element)) {
        leaks.add(where + " names " + element.getName());
      }
    } else if (type instanceof ParameterizedType p) {
      check(leaks, where, p.getRawType());
      for (Type a : p.getActualTypeArguments()) {
        check(leaks, where, a);
      }
    } else if (type instanceof GenericArrayType a) {
      check(leaks, where, a.getGenericComponentType());
    } else if (type instanceof WildcardType w) {
      Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds())).forEach(b -> check(leaks, where, b));
    } else if (type instanceof TypeVariable<?> v) {
      for (Type b : v.getBounds()) {
        if (b != type) {
          check(leaks, where, b instanceof ParameterizedType ? ((ParameterizedType) b).getRawType() : b);
        }
      }
    }
  }
}
