package org.rlhf4j.feedback.world;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The values a template's {@code {slots}} are filled with, as one speaker sees them. An agent's
 * facts may be wrong (a digit off in the order number) or missing (then slots read "your order",
 * "the item"), which is how replies get their {@link ReplyQuality.DetailAccuracy}.
 *
 * @param name the customer's first name, or empty when the speaker does not know it
 * @param orderNumber as written: {@code #48213}, or {@code 48213} by some customers
 */
record Facts(String name, String lastName, String orderNumber, String product, String orderDate,
             String dueDate, String amount, String email, String newEmail, String city,
             String company, String agent, boolean detailsMissing) {

    static Facts forCustomer(Customer customer, Order order, boolean hashInOrderNumber,
                             DateStyle dates, String company) {
        String number = hashInOrderNumber ? order.reference() : Integer.toString(order.number());
        return new Facts(customer.firstName(), customer.lastName(), number, order.product(),
                dates.render(order.orderDate()), dates.render(order.dueDate()), order.amountText(),
                customer.email(), customer.newEmail(), customer.city(), company, "", false);
    }

    /**
     * What an agent can know: only what the customer's message says. Unknown details are empty
     * and render generically ("your order", "the item"), so a model that sees only the message
     * could have written every generated reply.
     */
    static Facts forAgent(Ticket ticket, String company, String agent) {
        Customer customer = ticket.customer();
        Order order = ticket.order();
        return new Facts(known(ticket, Detail.NAME, customer.firstName()), customer.lastName(),
                known(ticket, Detail.ORDER_NUMBER, order.reference()), known(ticket, Detail.PRODUCT, order.product()),
                known(ticket, Detail.ORDER_DATE, DateStyle.DAY_MONTH.render(order.orderDate())),
                known(ticket, Detail.DUE_DATE, DateStyle.DAY_MONTH.render(order.dueDate())),
                known(ticket, Detail.AMOUNT, order.amountText()), known(ticket, Detail.EMAIL, customer.email()),
                known(ticket, Detail.NEW_EMAIL, customer.newEmail()), known(ticket, Detail.CITY, customer.city()),
                company, agent, false);
    }

    private static String known(Ticket ticket, Detail detail, String value) {
        return ticket.mentions(detail) ? value : "";
    }

    /** Whether every detail slot of the template has a known value (the agent read it). */
    boolean canFill(String template) {
        return (!template.contains("rderref}") || !orderNumber.isEmpty())
                && (!template.contains("{product}") || !product.isEmpty())
                && (!template.contains("{amount}") || !amount.isEmpty())
                && (!(template.contains("{email}") || template.contains("{Email}")) || !email.isEmpty())
                && (!template.contains("{newEmail}") || !newEmail.isEmpty())
                && (!template.contains("{city}") || !city.isEmpty());
    }

    boolean knowsName() {
        return !name.isEmpty();
    }

    Facts withoutDetails() {
        return new Facts(name, lastName, orderNumber, product, orderDate, dueDate, amount, email, newEmail,
                city, company, agent, true);
    }

    /**
     * Every key detail of the ticket's intent made wrong, and sometimes the name or product as
     * well. Details the customer never gave get made-up values (another customer's order, say), so
     * a reply about a different topic is wrong too rather than vague.
     */
    Facts corrupted(Ticket ticket, RandomGenerator rng) {
        List<Detail> keys = ticket.intent().keyDetails();
        String badOrder = orderNumber.isEmpty() ? "#" + otherOrderNumber(ticket, rng)
                : keys.contains(Detail.ORDER_NUMBER) ? wrongOrderNumber(rng) : orderNumber;
        String badAmount = amount.isEmpty() ? Order.formatAmount(ticket.order().amountCents() + 100 * (1 + rng.nextInt(60)))
                : keys.contains(Detail.AMOUNT) ? wrongAmount(rng) : amount;
        String badEmail = email.isEmpty() ? wrongEmail(ticket.customer().email(), rng)
                : keys.contains(Detail.EMAIL) ? wrongEmail(email, rng) : email;
        String badNewEmail = newEmail.isEmpty() ? wrongEmail(ticket.customer().newEmail(), rng)
                : keys.contains(Detail.NEW_EMAIL) ? wrongEmail(newEmail, rng) : newEmail;
        String badName = knowsName() && RandomStreams.chance(0.3, rng) ? otherThan(name, Vocabulary.FIRST_NAMES, rng) : name;
        String badProduct = !product.isEmpty() && RandomStreams.chance(0.3, rng) ? wrongProduct(rng) : product;
        return new Facts(badName, lastName, badOrder, badProduct, orderDate, dueDate, badAmount, badEmail,
                badNewEmail, city, company, agent, false);
    }

    private static int otherOrderNumber(Ticket ticket, RandomGenerator rng) {
        int number = ticket.order().number();
        while (number == ticket.order().number()) {
            number = Order.MIN_NUMBER + rng.nextInt(Order.MAX_NUMBER - Order.MIN_NUMBER + 1);
        }
        return number;
    }

    String slot(String key) {
        return switch (key) {
            case "name" -> knowsName() ? name : "there";
            case "last" -> lastName;
            case "order" -> orderNumber;
            case "orderref" -> generic(orderNumber) ? "your order" : "order " + orderNumber;
            case "product" -> generic(product) ? "item" : product;
            case "date" -> orderDate;
            case "due" -> dueDate;
            case "amount" -> generic(amount) ? "the full amount" : amount;
            case "email" -> generic(email) ? "your account email" : email;
            case "newEmail" -> generic(newEmail) ? "your new address" : newEmail;
            case "city" -> generic(city) ? "the new address" : city;
            case "company" -> company;
            case "agent" -> agent;
            default -> throw new IllegalArgumentException("unknown template slot {" + key + "}");
        };
    }

    private boolean generic(String value) {
        return detailsMissing || value.isEmpty();
    }

    // A slip a tired agent makes: one digit changed, or two neighbours swapped.
    private String wrongOrderNumber(RandomGenerator rng) {
        String digits = orderNumber.startsWith("#") ? orderNumber.substring(1) : orderNumber;
        char[] d = digits.toCharArray();
        int at = rng.nextInt(d.length - 1);
        boolean leadingZero = at == 0 && d[1] == '0';
        if (d[at] != d[at + 1] && !leadingZero && rng.nextBoolean()) {
            char swap = d[at];
            d[at] = d[at + 1];
            d[at + 1] = swap;
        } else {
            int position = 1 + rng.nextInt(d.length - 1);
            d[position] = (char) ('0' + (d[position] - '0' + 1 + rng.nextInt(9)) % 10);
        }
        return "#" + new String(d);
    }

    private String wrongAmount(RandomGenerator rng) {
        long cents = Long.parseLong(amount.substring(1).replace(".", ""));
        long delta = (1 + rng.nextInt(40)) * 100L * (rng.nextBoolean() || cents < 5000 ? 1 : -1);
        return Order.formatAmount(cents + delta);
    }

    private static String wrongEmail(String address, RandomGenerator rng) {
        int at = address.indexOf('@');
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        String otherLocal = Vocabulary.asciiLetters(RandomStreams.pick(Vocabulary.FIRST_NAMES, rng)) + local.length();
        if (rng.nextBoolean() || otherLocal.equals(local)) {
            return local + "@" + otherThan(domain, Vocabulary.MAIL_DOMAINS, rng);
        }
        return otherLocal + "@" + domain;
    }

    private String wrongProduct(RandomGenerator rng) {
        String noun = Vocabulary.productNoun(product);
        String other = otherThan(noun, Vocabulary.PRODUCT_NOUNS, rng);
        return product.substring(0, product.length() - noun.length()) + other;
    }

    private static String otherThan(String value, List<String> pool, RandomGenerator rng) {
        String other = value;
        while (other.equals(value)) {
            other = RandomStreams.pick(pool, rng);
        }
        return other;
    }
}
