// The petitions module's use cases (petitions — phản ánh, kiến nghị — and questions & answers).
export {
  fileOnline, recordPetition, petitionAction, petitionDetail, petitionInbox, citizenPetitions, ratePetition, supplementPetition, publicPetitions,
  type CitizenRef,
} from './petition-cases.js';
export { askQuestion, citizenQuestions, questionInbox, answerQuestion, publishQuestion, publicQuestions } from './questions.js';
export { receivePortalQuestion, type PortalQuestionIn } from './portal-questions.js';
export { QuestionAnsweredTopic, type QuestionAnsweredMessage } from './question-answered-topic.js';
