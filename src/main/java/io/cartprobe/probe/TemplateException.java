package io.cartprobe.probe;

/** A {@code {{name}}} with no value at run time. */
public final class TemplateException extends Exception {

  private final String name;

  public TemplateException(String name) {
    super("template {{" + name + "}} has no value");
    this.name = name;
  }

  public String name() {
    return name;
  }
}
