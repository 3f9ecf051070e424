package org.rlhf4j.feedback.world;

import java.util.Objects;

/**
 * Who wrote in. {@code newEmail} is only talked about in {@link Intent#ACCOUNT_EMAIL_CHANGE}
 * tickets and {@code city} in {@link Intent#SHIPPING} ones, but every customer has both so that a
 * ticket is one shape whatever its intent.
 */
public record Customer(String firstName, String lastName, String email, String newEmail, String city) {
    public Customer {
        requireText(firstName, "firstName");
        requireText(lastName, "lastName");
        requireText(email, "email");
        requireText(newEmail, "newEmail");
        requireText(city, "city");
        if (email.equalsIgnoreCase(newEmail)) {
            throw new IllegalArgumentException("newEmail must differ from email, both were " + email);
        }
    }

    static void requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
