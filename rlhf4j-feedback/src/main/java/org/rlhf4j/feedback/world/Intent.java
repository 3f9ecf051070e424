package org.rlhf4j.feedback.world;

import java.util.List;

/** What a customer writes in about. */
public enum Intent {
    ORDER_STATUS(Area.ORDERS, "where an order is and when it will arrive", List.of(Detail.ORDER_NUMBER)),
    REFUND(Area.PAYMENTS, "getting money back for an order", List.of(Detail.ORDER_NUMBER, Detail.AMOUNT)),
    PASSWORD_RESET(Area.ACCOUNT, "cannot log in or needs a new password", List.of(Detail.EMAIL)),
    SHIPPING(Area.ORDERS, "changing where or how an order is delivered", List.of(Detail.ORDER_NUMBER)),
    CANCELLATION(Area.PAYMENTS, "cancelling an order before it ships", List.of(Detail.ORDER_NUMBER)),
    DAMAGED_ITEM(Area.ORDERS, "an item arrived broken or faulty", List.of(Detail.ORDER_NUMBER)),
    ACCOUNT_EMAIL_CHANGE(Area.ACCOUNT, "moving the account to a new e-mail address", List.of(Detail.NEW_EMAIL)),
    DOUBLE_CHARGE(Area.PAYMENTS, "charged twice for one order", List.of(Detail.AMOUNT, Detail.ORDER_NUMBER));

    /**
     * Groups of related intents. A reply about another area is off-topic; within an area the
     * vocabulary overlaps (a late order and a delivery change both talk about couriers).
     */
    public enum Area { ORDERS, PAYMENTS, ACCOUNT }

    private final Area area;
    private final String description;
    private final List<Detail> keyDetails;

    Intent(Area area, String description, List<Detail> keyDetails) {
        this.area = area;
        this.description = description;
        this.keyDetails = keyDetails;
    }

    public Area area() {
        return area;
    }

    /** One line for documentation and reports. */
    public String description() {
        return description;
    }

    /**
     * The details that identify the request: every customer message of this intent states at
     * least the first of them, and a good reply repeats one of them correctly.
     */
    public List<Detail> keyDetails() {
        return keyDetails;
    }
}
