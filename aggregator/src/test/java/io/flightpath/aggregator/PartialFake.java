package io.flightpath.aggregator;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A fake of a service interface made of an object that has only the methods a test needs (same
 * names and parameter types, no {@code implements}); every other method of the interface throws
 * UnsupportedOperationException, so a test also shows which calls the code under test makes.
 */
final class PartialFake {
    private PartialFake() {
    }

    static <T> T of(Class<T> type, Object fake) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Method own;
            try {
                own = fake.getClass().getDeclaredMethod(method.getName(), method.getParameterTypes());
            } catch (NoSuchMethodException e) {
                throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName() + " is not faked");
            }
            own.setAccessible(true);
            try {
                return own.invoke(fake, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
