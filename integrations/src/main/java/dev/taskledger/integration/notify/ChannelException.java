package dev.taskledger.integration.notify;

/** A channel did not accept a notification; the message says why, without the notification's text. */
public final class ChannelException extends RuntimeException {
    public ChannelException(String message) {
        super(message);
    }
}
