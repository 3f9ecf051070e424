package org.rlhf4j.feedback.world;

import java.util.List;

/**
 * What agents write, as {@link Template}s, sorted by the quality attribute each part expresses.
 *
 * <p>Contract with {@link GoldSatisfaction}, checked by the tests: an intent's resolving bodies
 * name at least two of its topic words, a concrete step and a time frame, and its key detail;
 * its deferring bodies name a topic word and the key detail but no step and no time frame;
 * fillers, boilerplate and closings name no intent at all.
 */
final class AgentPhrases {
    private AgentPhrases() {
    }

    static final List<String> GREETINGS_NAMED = List.of(
            "Hi {name},", "Hello {name},", "Dear {name},", "Hi {name}, thanks for getting in touch.",
            "Hello {name}, thank you for reaching out.", "Hi {name}, thanks for your message.",
            "Good morning {name},", "Hi {name}!", "Good afternoon {name},", "Hello {name}, thanks for contacting {company}.");

    static final List<String> GREETINGS_UNNAMED = List.of(
            "Hi there,", "Hello,", "Hello and thanks for getting in touch.", "Hi, thank you for contacting {company}.",
            "Good afternoon,", "Hi there, thanks for your message.", "Hello, thank you for reaching out.");

    static final List<String> GREETINGS_NEUTRAL = List.of("Hello.", "Hi.", "Good day.");
    static final List<String> GREETINGS_NEUTRAL_NAMED = List.of("Hello {name}.", "Hi {name}.", "{name},");

    static final List<String> CLOSINGS = List.of(
            "Is there anything else I can help you with?", "Let me know if there's anything else I can do.",
            "Thanks for your patience, and have a great day!", "Thank you for shopping with {company}.",
            "Have a lovely [day|evening|weekend]!", "Feel free to reply if you have any other questions.",
            "Thanks again for getting in touch.", "I hope that helps, and thanks for your patience.",
            "Happy to help with anything else.", "Take care, and thanks for being a {company} customer.");

    static final List<String> SIGNATURES = List.of(
            "Best, {agent}", "Kind regards, {agent}", "{agent} from {company} Support", "Warm regards, {agent}",
            "Thanks, {agent}", "- {agent}, Customer Care", "Best wishes, {agent} at {company}");

    static final List<String> NEUTRAL_CLOSINGS = List.of("Regards.", "Support team.", "{company} Support.", "Regards, {agent}.");

    static final List<String> RUDE_LINES = List.of(
            "This is all explained in our FAQ, which you obviously didn't read.",
            "It's not our problem if the courier is slow.", "Please don't email us again about this.",
            "We get hundreds of these every day.", "Calm down, it's not the end of the world.",
            "As I already said, there's nothing more to discuss.",
            "You should have read the terms before ordering.",
            "Next time, check your details before you click buy.", "Honestly, this is a waste of our time.",
            "I don't know what else you expect us to do.", "Whatever the problem is, it's on your side.");

    static final List<String> RUDE_OPENERS = List.of("Look.", "Listen.", "Right.", "Okay.", "Fine.");

    /** "We value your business": fits every ticket, answers none. */
    static final List<String> BOILERPLATE = List.of(
            "Thank you for contacting {company}.", "We value your business and your satisfaction is our top priority.",
            "Your request has been received and logged in our system.",
            "A member of our team will review your message and respond as soon as possible.",
            "Please allow some time for our team to process your enquiry.",
            "For more information, please visit the help centre on our website.",
            "We appreciate your patience and understanding.",
            "Your message is important to us.", "We aim to respond to all enquiries in the order they are received.",
            "Please do not reply to this automated message.");

    /** What rambling replies pad the answer with; on no intent's topic. */
    static final List<String> FILLERS = List.of(
            "At {company} we have always believed that every customer deserves the very best experience.",
            "I want to make sure I fully understand your message before I go any further.",
            "Our team handles thousands of requests every week, and each one is important to us.",
            "As you may know, our policies are designed to be fair to all of our customers.",
            "I have also made a note of this conversation on your customer file for future reference.",
            "Please note that our customer service hours are Monday to Friday, nine to five.",
            "We are constantly working to improve our processes and your feedback helps us do that.",
            "I would also like to take this opportunity to tell you about our newsletter, which has great offers.",
            "Our website has a very comprehensive help centre with answers to many common questions.",
            "It is really important to us that you feel valued and listened to.",
            "If you have any feedback about this conversation, you may receive a short survey.",
            "I have read your message several times to make sure nothing is missed.",
            "Things like this can happen from time to time for a variety of reasons.",
            "Our systems are refreshed regularly, so information can change during the day.",
            "Many of our customers have found our mobile app useful for questions like this.",
            "We take every message seriously and we always try to do the right thing.",
            "Our company was founded many years ago with a simple idea of putting people first.",
            "I also checked a few other things on your profile while I was at it.");

    static final List<String> RAMBLING_OPENERS = List.of(
            "I understand that you have written to us about your [request|issue|question], and I want to start by thanking you for taking the time to contact us.",
            "First of all, I would like to acknowledge your message and let you know that it has been read carefully by a real person.",
            "Before I answer, let me explain a little about how we handle messages like yours.");

    static final List<String> WELCOMES = List.of(
            "Glad I could help. Take care!", "My pleasure, enjoy the rest of your day.",
            "You're very welcome. Don't hesitate to get in touch again.", "Any time. All the best!");
    static final List<String> WELCOMES_NAMED = List.of(
            "You're welcome, {name}! Have a great day.", "Happy to help, {name}!", "Take care, {name}, and enjoy the rest of your week.");

    static List<String> asks(Detail detail) {
        return switch (detail) {
            case ORDER_NUMBER -> List.of("Could you please provide your order number so I can look into this?",
                    "Can you send me the order number first?", "Please confirm your order number before I go any further.",
                    "Could you tell me which order number this is about?");
            case EMAIL -> List.of("Could you tell me the email address on your account?",
                    "Can you confirm the email you signed up with?", "Please provide the email linked to your account.");
            case NEW_EMAIL -> List.of("Could you tell me which new email address you'd like to use?",
                    "Please confirm the new email you want on the account.");
            case AMOUNT -> List.of("Could you tell me the amount you were charged?", "Can you confirm how much was taken?");
            default -> List.of("Could you give me a few more details?");
        };
    }

    static List<String> empathy(Intent intent) {
        return switch (intent) {
            case ORDER_STATUS -> List.of("I'm sorry your {product} hasn't arrived yet.", "Sorry for the wait on {orderref}.",
                    "I understand how frustrating a late parcel is.", "I'm sorry it's taking longer than expected.");
            case REFUND -> List.of("I'm sorry the {product} didn't work out.", "Sorry for the wait on your refund.",
                    "I understand you'd like your money back quickly.", "I'm sorry for the trouble with {orderref}.");
            case PASSWORD_RESET -> List.of("Sorry you're having trouble signing in.", "I'm sorry you've been locked out.",
                    "I understand how annoying it is to be locked out of your account.");
            case SHIPPING -> List.of("Happy to help with your delivery.", "No problem at all, I can help with that.",
                    "Of course, I can sort that out for you.", "Sorry for the hassle with {orderref}.");
            case CANCELLATION -> List.of("No problem at all.", "Sorry to hear the {product} isn't right for you.",
                    "Of course, I can help with that.", "I understand, plans change.");
            case DAMAGED_ITEM -> List.of("I'm so sorry your {product} arrived damaged.",
                    "I'm sorry about the state your {product} arrived in.",
                    "Sorry, that's not the condition it should have reached you in.", "I apologise for the damaged {product}.");
            case ACCOUNT_EMAIL_CHANGE -> List.of("Happy to help with that.", "Of course, I can update that for you.",
                    "No problem at all.", "Thanks for letting us know about the change.");
            case DOUBLE_CHARGE -> List.of("I'm sorry about the double charge.", "Sorry for the worry this must have caused.",
                    "I understand how alarming a duplicate payment is.", "I apologise for the billing error on {orderref}.");
        };
    }

    /** Resolving answers: a concrete step, a time frame, the key detail. */
    static List<String> resolutions(Intent intent) {
        return switch (intent) {
            case ORDER_STATUS -> List.of(
                    "I've checked {orderref}: your {product} [was dispatched|has shipped] [yesterday|this morning] and is now in transit. It should arrive within [2|2-3|3] business days, and I've emailed you the tracking link.",
                    "{Orderref} left our warehouse [on Monday|yesterday|this morning] and is on its way to you. The courier expects to deliver it within [48 hours|two working days|the next 2 days], and I've sent the tracking details to your email.",
                    "I looked into {orderref}. There was a short delay at our warehouse, but your {product} has now been dispatched and is in transit. You'll receive a tracking link by email [today|within the hour] and it should arrive in [2-3|3-4] business days.",
                    "{Orderref} is out for delivery today, so your {product} should be with you by this evening. I've just sent you the tracking link so you can follow it.",
                    "I've checked the status of {orderref}: the {product} was shipped [on Tuesday|two days ago] and is in transit. It should arrive [tomorrow|within 2 business days], and the tracking number is in the email I've just sent you.",
                    "I've had {orderref} dispatched on a priority service today after it missed its first courier collection. Your {product} should arrive within [2|3] working days, and the tracking link is on its way to your inbox.");
            case REFUND -> List.of(
                    "I've issued a refund of {amount} for {orderref} to your original payment method. It usually shows up within [3-5|5-7] business days.",
                    "Your return for {orderref} has been received, and I've processed the refund of {amount} today. The money should be back on your original payment method within [5|3-5] working days.",
                    "I've processed a full refund of {amount} for the {product} on {orderref}. Depending on your bank, it will be credited back to your card within [3-5|5-7] business days.",
                    "Good news: the refund for {orderref} has been approved and {amount} is on its way back to your card. You should see it within 5 business days.",
                    "I've refunded {amount} for {orderref} to your original payment method today. You'll see it within [3-5|5-7] business days.");
            case PASSWORD_RESET -> List.of(
                    "I've sent a password reset link to {email}. It's valid for 24 hours, so please use it [today|within the next 24 hours] and then choose a new password.",
                    "I've unlocked your account and sent a new reset link to {email}. It should land in your inbox within [5|ten] minutes; if not, please check your spam folder.",
                    "Your account {email} was locked after several attempts, so I've unlocked it and sent you a link to reset your password. Please use it within 24 hours.",
                    "I've sent a fresh password reset email to {email} just now. Click the link in it within the next hour to set a new password, and you'll be able to log in straight away.",
                    "I've reset the login for {email} and emailed you a reset link. Once you open it [today|within 24 hours], you can choose a new password and sign in again.");
            case SHIPPING -> List.of(
                    "I've updated the delivery address for {orderref} to {city}. The courier has the new details, and your {product} should arrive within [2-3|3-4] business days.",
                    "{Orderref} hadn't left our warehouse yet, so I've changed the delivery address to {city}. You'll get an updated shipping email today, and delivery should take [2|3] working days.",
                    "I've upgraded {orderref} to express delivery at no extra cost. Your {product} will be dispatched today and should reach you by tomorrow.",
                    "I've asked the courier to redirect {orderref} to a pickup point in {city}. You'll get a text when it's ready to collect, usually within 2 working days.",
                    "No extra steps are needed: {orderref} will be delivered to {city} instead of your home address. The courier should bring it within [3|2-4] business days.",
                    "I've upgraded {orderref} to express delivery free of charge, so the courier will bring it to you by tomorrow.",
                    "I've arranged for the courier to leave {orderref} at your nearest pickup point. You'll get a text with the collection code within 2 working days.");
            case CANCELLATION -> List.of(
                    "I've cancelled {orderref} before it left our warehouse, so you won't be charged for the {product}. You'll get a cancellation email within the hour.",
                    "{Orderref} has been cancelled, so you will not be charged the {amount}. Any pending payment will disappear from your card within [3-5|2-3] business days.",
                    "I've cancelled {orderref} for you. It hadn't shipped yet, so you won't be charged, and a confirmation email will reach you within [an hour|the hour].",
                    "{Orderref} is now cancelled: the {product} won't be sent and you won't be charged. The confirmation should be in your inbox today.",
                    "I managed to stop {orderref} just before it was packed, so it's now cancelled and you won't be charged. You'll see the cancellation in your account today.");
            case DAMAGED_ITEM -> List.of(
                    "I've arranged a free replacement {product} for {orderref}, which will ship [today|tomorrow]. I've also emailed you a prepaid return label for the damaged one, so there's nothing to pay.",
                    "A replacement {product} for {orderref} is on its way and should arrive within [3|2-4] business days. You don't need to send the broken one back, just recycle it.",
                    "I'm sending you a new {product} for {orderref} today at no cost. The return label for the damaged item is attached to the email I've just sent.",
                    "I've processed a replacement for the damaged {product} on {orderref}. It will be dispatched [today|tomorrow], and a prepaid return label is in your inbox.",
                    "A new {product} will ship to you within 2 business days as a replacement for the broken one from {orderref}. If you'd rather have your money back, just reply and I'll switch it.");
            case ACCOUNT_EMAIL_CHANGE -> List.of(
                    "I've updated your account email from {email} to {newEmail}. I've sent a verification link to the new address; once you click it [today|within 24 hours], you'll log in with {newEmail}.",
                    "Your login email now uses {newEmail} instead of {email}. A confirmation link has been sent to {newEmail}, and it stays valid for 24 hours.",
                    "I've changed your account email to {newEmail}. Please click the verification link we've just sent to the new address within 24 hours to finish the switch.",
                    "Done: {email} has been replaced by {newEmail} as your account email address. You'll receive a verification email at the new address within 10 minutes.");
            case DOUBLE_CHARGE -> List.of(
                    "I can see the duplicate charge of {amount} on {orderref}, and I've refunded the second payment today. It should be back on your card within [3-5|5-7] business days.",
                    "The second charge of {amount} on {orderref} was only a pending authorisation, and I've asked our bank to release it now. It will drop off your statement within [2-3|3-5] working days.",
                    "You were charged twice for {orderref}, which was our error. I've reversed the duplicate payment of {amount}, and you'll see it back within 5 business days.",
                    "I've voided the duplicate charge of {amount} on {orderref}. Your bank will show the refund within [3|3-5] business days, and only one payment will remain.");
        };
    }

    /** Answers that stay on topic but settle nothing: passed on, looked into, get back to you. */
    static List<String> deferrals(Intent intent) {
        return switch (intent) {
            case ORDER_STATUS -> List.of("I've passed {orderref} on to our warehouse team and they will look into the status.",
                    "Orders can sometimes take longer than expected to arrive. We are looking into {orderref}.",
                    "I can see {orderref} in our system, but there is no tracking update yet. Someone will get back to you.",
                    "Delivery times vary at the moment. Please wait a little longer for {orderref} to arrive.",
                    "{Orderref} has been escalated to our logistics partner, who are investigating its status.");
            case REFUND -> List.of("Refunds are handled by our finance team, and I've forwarded {orderref} to them for review.",
                    "I can see the return for {orderref}. The refund team will look into it.",
                    "Refund requests like {orderref} are reviewed in turn, and we'll get back to you once there's news.",
                    "I've escalated {orderref} to our payments team, who will review the refund of {amount}.");
            case PASSWORD_RESET -> List.of("Login problems for {email} are handled by our security team, and I've passed your request on to them.",
                    "I can see the account {email}. Our technical team is looking into password issues at the moment.",
                    "Password resets for {email} have to be reviewed by a specialist, who will be in touch.",
                    "Sign-in problems like this are often caused by the browser. We will investigate the account {email}.");
            case SHIPPING -> List.of("Delivery changes for {orderref} are handled by the courier, and I've forwarded your request to them.",
                    "I've noted that you'd like {orderref} sent to {city}. The shipping team will review it.",
                    "Address changes can be tricky once a parcel is with the courier. We are looking into {orderref}.");
            case CANCELLATION -> List.of("Cancellation requests like {orderref} go to our warehouse team, and they will look into it.",
                    "I've passed your request to cancel {orderref} on to the right team.",
                    "Orders sometimes can't be stopped once they are being packed. We are checking whether we can still cancel {orderref}.");
            case DAMAGED_ITEM -> List.of("Damage claims for {orderref} are reviewed by our quality team, and they will be in touch.",
                    "I've logged the damaged {product} from {orderref}. We will investigate with the courier.",
                    "Please keep the broken {product} from {orderref} while our team looks into what happened.");
            case ACCOUNT_EMAIL_CHANGE -> List.of("Email address changes to {newEmail} have to be approved by our security team, and I've passed your request to them.",
                    "I've noted that you want {newEmail} as your new email. Our account team will review the change.",
                    "For security reasons, account email changes like the one to {newEmail} are checked manually.");
            case DOUBLE_CHARGE -> List.of("Billing questions about {orderref} go to our finance team, and I've forwarded the charge of {amount} to them.",
                    "Sometimes a charge of {amount} shows twice for a while. We are looking into {orderref}.",
                    "I've raised the duplicate payment of {amount} on {orderref} with our billing department for review.");
        };
    }

    /** A dozen words or fewer; index 0 of the pair resolves, index 1 does not. */
    static List<String> terse(Intent intent, boolean resolves) {
        return resolves ? terseResolutions(intent) : terseNonAnswers(intent);
    }

    private static List<String> terseResolutions(Intent intent) {
        return switch (intent) {
            case ORDER_STATUS -> List.of("{Orderref} has shipped and arrives in 2 days.", "{Orderref}: dispatched today, tracking link sent.",
                    "{Orderref} is in transit, due tomorrow.", "{Orderref} is out for delivery today.");
            case REFUND -> List.of("Refund of {amount} issued for {orderref}, 5-7 days.", "{Orderref} refunded, {amount}, allow 5 days.",
                    "Refunded {amount} today for {orderref}.");
            case PASSWORD_RESET -> List.of("Reset link sent to {email}, valid for 24 hours.", "Account {email} unlocked, reset link sent.",
                    "Sent a reset link to {email} today.");
            case SHIPPING -> List.of("Delivery address for {orderref} updated to {city}.", "{Orderref} upgraded to express, arrives tomorrow.",
                    "{Orderref} redirected to {city}.");
            case CANCELLATION -> List.of("{Orderref} cancelled, you won't be charged.", "Cancelled {orderref}, no charge.",
                    "Done, {orderref} is cancelled.");
            case DAMAGED_ITEM -> List.of("Replacement for {orderref} ships today.", "New {product} sent for {orderref}, return label emailed.",
                    "{Orderref}: replacement on its way.");
            case ACCOUNT_EMAIL_CHANGE -> List.of("Account email changed to {newEmail}, verify within 24 hours.",
                    "Done, login email is now {newEmail}.", "Switched to {newEmail}, check for the verification link.");
            case DOUBLE_CHARGE -> List.of("Duplicate charge of {amount} on {orderref} refunded.", "Second charge of {amount} reversed, 3-5 days.",
                    "{Orderref}: extra charge of {amount} voided.");
        };
    }

    private static List<String> terseNonAnswers(Intent intent) {
        return switch (intent) {
            case ORDER_STATUS -> List.of("{Orderref} is still processing.", "No update on {orderref} yet.", "{Orderref}: just wait.");
            case REFUND -> List.of("Refunds take time. {Orderref} is in the queue.", "{Orderref} refund pending.");
            case PASSWORD_RESET -> List.of("Use the forgot password button for {email}.", "{Email} is locked, try later.");
            case SHIPPING -> List.of("Contact the courier about {orderref}.", "Can't change {orderref} now.");
            case CANCELLATION -> List.of("Too late to cancel {orderref}.", "{Orderref} can't be stopped now, no cancellation possible.");
            case DAMAGED_ITEM -> List.of("File a damage claim for {orderref}.", "Send photos of {orderref}.");
            case ACCOUNT_EMAIL_CHANGE -> List.of("Change it to {newEmail} in settings yourself.", "Can't switch to {newEmail} by chat.");
            case DOUBLE_CHARGE -> List.of("Check with your bank about the charge of {amount}.", "The second charge of {amount} is probably pending.");
        };
    }

    static final List<String> TERSE_BOILERPLATE = List.of("We value your business.", "Your request has been logged.",
            "Noted, thanks.", "Message received.");
}
