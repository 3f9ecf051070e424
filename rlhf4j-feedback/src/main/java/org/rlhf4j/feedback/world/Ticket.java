package org.rlhf4j.feedback.world;

import java.util.Objects;

/**
 * One customer request: what it is about, who sent it, the order behind it, and the message as
 * the customer wrote it (one line, no newlines).
 *
 * @param id unique across all {@link Split}s of one world: {@code split.firstTicketId() + index}
 */
public record Ticket(long id, Intent intent, Customer customer, Order order, String message) {
    public Ticket {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(order, "order");
        Customer.requireText(message, "message");
        if (message.indexOf('\n') >= 0 || message.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("message must be a single line, ticket " + id);
        }
    }

    /**
     * Whether the customer's message states this detail, so a reply can repeat it (and should not
     * ask for it again). Dates count in any of the styles customers use.
     */
    public boolean mentions(Detail detail) {
        return switch (detail) {
            case NAME -> containsWord(message, customer.firstName());
            case ORDER_NUMBER -> containsWord(message, Integer.toString(order.number()));
            case PRODUCT -> containsWord(message, order.product());
            case ORDER_DATE -> mentionsDate(order.orderDate());
            case DUE_DATE -> mentionsDate(order.dueDate());
            case AMOUNT -> containsWord(message, order.amountText());
            case EMAIL -> containsWord(message, customer.email());
            case NEW_EMAIL -> containsWord(message, customer.newEmail());
            case CITY -> containsWord(message, customer.city());
        };
    }

    private boolean mentionsDate(java.time.LocalDate date) {
        for (DateStyle style : DateStyle.values()) {
            if (containsWord(message, style.render(date))) {
                return true;
            }
        }
        return false;
    }

    /** {@code 1 March} must not be found inside {@code 31 March}, nor {@code Mei} inside {@code Meister}. */
    static boolean containsWord(String text, String word) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            int end = at + word.length();
            boolean startsClean = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
            boolean endsClean = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (startsClean && endsClean) {
                return true;
            }
        }
        return false;
    }
}
