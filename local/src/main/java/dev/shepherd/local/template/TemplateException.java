package dev.shepherd.local.template;

/** A template that cannot be read or does not say what the runner needs; the message names the place. */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }
}
