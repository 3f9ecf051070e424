package org.rlhf4j.feedback.world;

/** A concrete fact a ticket carries and a reply may repeat, correctly or not. */
public enum Detail {
    /** The customer's first name. */
    NAME,
    /** The five-digit order number, written {@code #48213}. */
    ORDER_NUMBER,
    /** The product ordered, e.g. {@code blue kettle}. */
    PRODUCT,
    /** The day the order was placed. */
    ORDER_DATE,
    /** The day delivery was promised for. */
    DUE_DATE,
    /** The amount paid, e.g. {@code $34.99}. */
    AMOUNT,
    /** The e-mail address on the customer's account. */
    EMAIL,
    /** The e-mail address the customer wants to switch to. */
    NEW_EMAIL,
    /** The city a delivery should go to. */
    CITY
}
