package dev.breakwater.spring;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Resolves every {@link CircuitBreaker @CircuitBreaker} of each bean as the bean is created, so a
 * missing or mismatched fallback method fails the application context at startup, naming the
 * bean, the method and what was expected. Thread-safe.
 */
final class AnnotationChecker implements BeanPostProcessor {
  private final ObjectProvider<ProtectedMethods> methods;

  AnnotationChecker(ObjectProvider<ProtectedMethods> methods) {
    this.methods = methods;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
    Class<?> type = AopUtils.getTargetClass(bean);
    if (AnnotationUtils.isCandidateClass(type, CircuitBreaker.class)) {
      try {
        methods.getObject().check(type);
      } catch (IllegalStateException e) {
        throw new BeanCreationException(beanName, e.getMessage(), e);
      }
    }
    return bean;
  }
}
