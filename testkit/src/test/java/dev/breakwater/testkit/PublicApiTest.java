package dev.breakwater.testkit;

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
 * What {@code javap -public} shows of the testkit: no public signature names a type users cannot
 * name, and no public constructors for the values the fake makes.
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
  void valuesTheFakeMakesHaveNoPublicConstructor() {
    for (Class<?> madeByTheFake : List.of(ReceivedRequest.class, ReceivedMetric.class, Incident.class)) {
      assertThat(madeByTheFake.getConstructors()).as(madeByTheFake.getSimpleName()).isEmpty();
    }
  }

  private static List<Class<?>> publicTypes() throws Exception {
    Path root = Path.of(PublicApiTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolveSibling("classes").resolve("dev/breakwater/testkit");
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.list(root)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.endsWith(".class") && !name.equals("module-info.class") && !name.equals("package-info.class")) {
          Class<?> type = Class.forName("dev.breakwater.testkit." + name.substring(0, name.length() - 6));
          if (seen(type)) {
            types.add(type);
          }
        }
      }
    }
    assertThat(types).contains(FakeNewRelic.Builder.class, FakeNewRelicExtension.class, ReceivedRequest.class);
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
