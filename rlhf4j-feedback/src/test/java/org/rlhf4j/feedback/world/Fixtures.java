package org.rlhf4j.feedback.world;

import java.time.LocalDate;

/** Hand-made tickets whose every detail is known, for tests that reason about exact scores. */
final class Fixtures {
    static final Customer MARIA = new Customer("Maria", "Lopez", "maria.lopez@example.com", "m.lopez@example.net", "Leeds");
    static final Order KETTLE = new Order(48213, "blue kettle", LocalDate.of(2024, 3, 5), LocalDate.of(2024, 3, 12), 3499);

    private Fixtures() {
    }

    /** Maria's kettle, order #48213, due 12 March, has not arrived. */
    static Ticket lateKettle() {
        return new Ticket(1, Intent.ORDER_STATUS, MARIA, KETTLE,
                "Hi, my order #48213 for a blue kettle still hasn't arrived. It was due on 12 March. Thanks, Maria");
    }

    /** A ticket of the intent whose message states every detail, so every template can be filled. */
    static Ticket tellingEverything(Intent intent) {
        String message = "Hi, about order #48213: the blue kettle cost $34.99, ordered 5 March, due 12 March. "
                + "My email is maria.lopez@example.com, new one m.lopez@example.net, and I'm in Leeds now. Thanks, Maria";
        return new Ticket(2, intent, MARIA, KETTLE, message);
    }
}
