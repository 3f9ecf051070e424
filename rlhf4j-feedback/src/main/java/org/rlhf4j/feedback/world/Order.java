package org.rlhf4j.feedback.world;

import java.time.LocalDate;
import java.util.Objects;

/** The order a ticket is about; amounts are in cents to keep them exact. */
public record Order(int number, String product, LocalDate orderDate, LocalDate dueDate, long amountCents) {
    public static final int MIN_NUMBER = 10_000;
    public static final int MAX_NUMBER = 99_999;

    public Order {
        if (number < MIN_NUMBER || number > MAX_NUMBER) {
            throw new IllegalArgumentException(
                    "number must be a five-digit order number in [" + MIN_NUMBER + ", " + MAX_NUMBER + "], was " + number);
        }
        Customer.requireText(product, "product");
        Objects.requireNonNull(orderDate, "orderDate");
        Objects.requireNonNull(dueDate, "dueDate");
        if (dueDate.isBefore(orderDate)) {
            throw new IllegalArgumentException("dueDate " + dueDate + " must not be before orderDate " + orderDate);
        }
        if (amountCents <= 0) {
            throw new IllegalArgumentException("amountCents must be > 0, was " + amountCents);
        }
    }

    /** {@code #48213} */
    public String reference() {
        return "#" + number;
    }

    /** {@code $34.99} */
    public String amountText() {
        return formatAmount(amountCents);
    }

    static String formatAmount(long cents) {
        long fraction = cents % 100;
        return "$" + cents / 100 + (fraction < 10 ? ".0" : ".") + fraction;
    }
}
