package dev.taskledger.integration.notify;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** E-mail through Amazon SES (API v2): a plain-text message from the configured sender to the recipient. */
public final class SesEmailChannel implements NotificationChannel {
    private final SesV2Client ses;
    private final String fromAddress;

    public SesEmailChannel(SesV2Client ses, String fromAddress) {
        this.ses = ses;
        this.fromAddress = fromAddress;
    }

    @Override
    public void send(Notification notification) {
        try {
            ses.sendEmail(r -> r.fromEmailAddress(fromAddress)
                    .destination(d -> d.toAddresses(notification.recipient()))
                    .content(c -> c.simple(m -> m.subject(
                                    s -> s.data(notification.subject()).charset("UTF-8"))
                            .body(b -> b.text(t -> t.data(notification.text()).charset("UTF-8")))))
                    .emailTags(t ->
                            t.name("notification").value(notification.trigger().name())));
        } catch (SdkException e) {
            throw new ChannelException(
                    "SES refused the message: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public String name() {
        return "email";
    }
}
